//go:build tools

// Package deps pins the modules jianfu uses so that go.mod lists them before every package imports them.
package deps

import (
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "github.com/spf13/cobra"
	_ "github.com/vbauerster/mpb/v8"
	_ "github.com/xuri/excelize/v2"
	_ "go.yaml.in/yaml/v3"
	_ "golang.org/x/image/font/sfnt"
	_ "golang.org/x/text/encoding/simplifiedchinese"
	_ "gonum.org/v1/gonum/stat/distuv"
	_ "gonum.org/v1/plot"
	_ "gonum.org/v1/plot/vg/vgimg"
)
