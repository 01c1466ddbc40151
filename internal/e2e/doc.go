// Package e2e holds end-to-end tests of the jianfu command: a messy county is generated inside the
// test (roster, 问卷星 exports in GB18030 and UTF-8, Excel sheets, an ordinal export, with every kind
// of bad row planted and recorded), the real command is run on it, and its outputs are checked against
// the generator's own record of each row and against numbers the test computes from the standards.
//
// The command's Main lives in package main, which cannot be imported, so the tests build the
// command with the go tool and run the binary: the same code path a user's shell takes.
package e2e
