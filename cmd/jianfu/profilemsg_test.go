package main

import (
	"fmt"
	"testing"

	"github.com/jianfu-edu/jianfu/surveys"
)

// TestProfileMessageRange: a profile value out of range is named with its key, its value and what it
// should be, in Chinese and in English (the English once said only "is out of range").
func TestProfileMessageRange(t *testing.T) {
	err := fmt.Errorf("load: %w", &surveys.RangeError{Key: "flag_threshold", Value: "1.5", Want: "0 到 1 之间的比例",
		KeyEN: "flag_threshold", WantEN: "a share between 0 and 1"})
	zh, en := profileMessage("本县标准.yaml", err)
	if want := "监测标准 本县标准.yaml 中设置项 flag_threshold 的值 1.5 不合理：应为0 到 1 之间的比例"; zh != want {
		t.Errorf("zh = %q, want %q", zh, want)
	}
	if want := "profile 本县标准.yaml: the value 1.5 of flag_threshold is out of range: it should be a share between 0 and 1"; en != want {
		t.Errorf("en = %q, want %q", en, want)
	}
}
