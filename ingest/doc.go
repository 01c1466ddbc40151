// Package ingest reads questionnaire exports (问卷星 text and ordinal downloads, Excel sheets, CSV in
// UTF-8, GB18030 or UTF-16) into typed surveys.Dataset columns, and accounts for every row: each row
// read ends used or rejected with its file, row number as Excel shows it, column, value and reason.
//
// Nothing after ingest sees raw rows or strings: answers become surveys.Answer codes, schools and
// classes dictionary indices.
package ingest
