# Expected values for analysis/agreement_test.go (base R; run: Rscript testdata/r/agreement.R).
# Newcombe's hybrid score interval (his method 10) for p1 - p2, built from the Wilson intervals that
# prop.test(correct = FALSE) gives; Cohen's kappa of a 2x2 table with its large-sample interval.
wilson <- function(k, n) prop.test(k, n, correct = FALSE)$conf.int
newcombe <- function(k1, n1, k2, n2) {
  p1 <- k1 / n1; p2 <- k2 / n2
  w1 <- wilson(k1, n1); w2 <- wilson(k2, n2)
  d <- p1 - p2
  c(d, d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2), d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2))
}
kappa <- function(a, b, c, d) {
  n <- a + b + c + d
  po <- (a + d) / n
  pe <- ((a + b) * (a + c) + (c + d) * (b + d)) / n^2
  k <- (po - pe) / (1 - pe)
  se <- sqrt(po * (1 - po) / n) / (1 - pe)
  z <- qnorm(0.975)
  c(k, k - z * se, k + z * se)
}
for (x in list(c(56, 70, 48, 80), c(9, 10, 1, 10), c(0, 25, 5, 30), c(400, 500, 380, 500))) {
  v <- newcombe(x[1], x[2], x[3], x[4])
  cat(sprintf("newcombe(%d, %d, %d, %d) = %.12f %.12f %.12f\n", x[1], x[2], x[3], x[4], v[1], v[2], v[3]))
}
for (x in list(c(20, 5, 10, 65), c(40, 10, 10, 40), c(3, 12, 4, 81))) {
  v <- kappa(x[1], x[2], x[3], x[4])
  cat(sprintf("kappa(%d, %d, %d, %d) = %.12f %.12f %.12f\n", x[1], x[2], x[3], x[4], v[1], v[2], v[3]))
}
