package main

// version is the program's version, set at build time by scripts/release.sh
// (-ldflags "-X main.version=…"); "dev" for a plain go build.
var version = "dev"
