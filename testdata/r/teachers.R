# Expected values for analysis/teachers_pin_test.go (base R; run: Rscript testdata/r/teachers.R).
# differs() calls two compliance shares different when Newcombe's hybrid score interval (his method 10)
# of p1 - p2, built from the two Wilson intervals (prop.test(correct = FALSE)), excludes 0. The cases
# lie near that boundary, on both sides, with p1 > p2 and p1 < p2; "swapped" is the interval built with
# the Wilson half-widths on the wrong sides, which gives the other verdict in each case, so a test on
# these cases tells the method from its mirror image.
wilson <- function(k, n) prop.test(k, n, correct = FALSE)$conf.int
newcombe <- function(k1, n1, k2, n2) {
  p1 <- k1 / n1; p2 <- k2 / n2
  w1 <- wilson(k1, n1); w2 <- wilson(k2, n2)
  d <- p1 - p2
  c(d, d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2),
    d - sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2), d + sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2))
}
cases <- list(c(3, 20, 0, 40), c(7, 20, 5, 40), c(11, 20, 5, 20), c(10, 20, 10, 40),
              c(13, 20, 35, 40), c(10, 20, 30, 40), c(2, 20, 7, 20), c(3, 20, 16, 40))
for (x in cases) {
  v <- newcombe(x[1], x[2], x[3], x[4])
  cat(sprintf("%d/%d vs %d/%d: d = %.5f, interval %.5f to %.5f (differs: %s); swapped %.5f to %.5f\n",
              x[1], x[2], x[3], x[4], v[1], v[2], v[3], v[2] > 0 || v[3] < 0, v[4], v[5]))
}
