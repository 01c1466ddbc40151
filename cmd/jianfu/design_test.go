package main

import (
	"strings"
	"testing"

	"github.com/jianfu-edu/jianfu/analysis"
)

// TestDesignOptions: the --design, --weight, --fpc and --reliability flags, and the mistakes that get
// usage text.
func TestDesignOptions(t *testing.T) {
	tests := []struct {
		name                        string
		design, weight, reliability string
		fpc                         bool
		want                        analysis.DesignOptions
		err                         string
	}{
		{name: "default", want: analysis.DesignOptions{Method: analysis.DesignCluster}},
		{name: "srs", design: "srs", want: analysis.DesignOptions{Method: analysis.DesignSRS}},
		{name: "weighted with fpc and nchs", weight: "enrolment", fpc: true, reliability: "nchs",
			want: analysis.DesignOptions{Method: analysis.DesignCluster, Weight: true, FPC: true, Reliability: analysis.ReliabilityNCHS}},
		{name: "unknown design", design: "bootstrap", err: "--design"},
		{name: "unknown weight", weight: "size", err: "--weight"},
		{name: "weight needs the cluster design", design: "srs", weight: "enrolment", err: "--design srs"},
		{name: "unknown reliability", reliability: "who", err: "--reliability"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &ReportOptions{Design: tt.design, Weight: tt.weight, FPC: tt.fpc, Reliability: tt.reliability}
			got, err := o.designOptions()
			if tt.err != "" {
				if _, ok := err.(*usageError); !ok || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want a usage error naming %s", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}
