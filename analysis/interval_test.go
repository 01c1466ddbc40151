package analysis

import (
	"fmt"
	"math"
	"testing"
)

func TestWilson(t *testing.T) {
	// Expected values: R 4.2 prop.test(k, n, correct = FALSE)$conf.int, which is the Wilson score interval.
	tests := []struct {
		k, n   int
		lo, hi float64
	}{
		{0, 10, 0, 0.277532799862889},
		{10, 10, 0.722467200137111, 1},
		{81, 263, 0.255288519878274, 0.366209576982800},
		{1, 3, 0.061491944720396, 0.792340399197952},
		{537, 640, 0.808582789167431, 0.865496200394604},
		{5, 12, 0.193260313658757, 0.680488687450450},
		{29, 30, 0.833296090085908, 0.994091409618387},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%d", tt.k, tt.n), func(t *testing.T) {
			lo, hi := Wilson(tt.k, tt.n, Z95)
			if math.Abs(lo-tt.lo) > 1e-12 || math.Abs(hi-tt.hi) > 1e-12 {
				t.Errorf("Wilson(%d, %d) = [%.15f, %.15f], want [%.15f, %.15f]", tt.k, tt.n, lo, hi, tt.lo, tt.hi)
			}
		})
	}
	if lo, hi := Wilson(0, 0, Z95); !math.IsNaN(lo) || !math.IsNaN(hi) {
		t.Errorf("Wilson(0, 0) = [%v, %v], want NaN", lo, hi)
	}
}

func TestWilsonPanicsOnBadCounts(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Wilson(5, 3) did not panic")
		}
	}()
	Wilson(5, 3, Z95)
}

func ExampleWilson() {
	lo, hi := Wilson(81, 263, Z95)
	fmt.Printf("%.4f %.4f\n", lo, hi)
	// Output: 0.2553 0.3662
}
