// Command jianfu turns school burden (减负) questionnaires into a county monitoring report.
package main

import "os"

func main() { os.Exit(int(Main(os.Args[1:], defaultIO()))) }
