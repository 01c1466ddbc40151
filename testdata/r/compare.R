# Expected values for analysis/estimate_compare_pin_test.go (R 4.x with r-cran-survey; run:
# Rscript testdata/r/compare.R). Two schools, two classes of 10 each; school 0 is grade 7 (城区), school 1
# grade 8 (乡村); k is the number complying in each class.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
frame <- function(k) {
  cls <- data.frame(school = c(0, 0, 1, 1), class = 1:4, k = k)
  do.call(rbind, lapply(1:4, function(i) data.frame(school = cls$school[i], class = cls$class[i],
    y = c(rep(1, cls$k[i]), rep(0, 10 - cls$k[i])))))
}
# With classes: the design-based test of school 0 against the rest (R's svyttest).
des <- svydesign(ids = ~class, strata = ~school, nest = TRUE, weights = ~1, data = frame(c(8, 6, 4, 2)))
tt <- svyttest(y ~ I(school == 0), des)
cat(sprintf("design 14/20 vs 6/20: diff %.15f t %.15f df %d p %.15f holm(2) %.15f\n",
  tt$estimate, tt$statistic, tt$parameter, tt$p.value, p.adjust(c(tt$p.value, tt$p.value), "holm")[1]))
# Without classes: the two-sample test on p(1 - p)/n variances with n_a + n_b - 2 df.
srs <- function(a, b, na = 20, nb = 20) {
  pa <- a / na; pb <- b / nb
  t <- (pa - pb) / sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
  p <- 2 * pt(-abs(t), na + nb - 2)
  cat(sprintf("srs %d/%d vs %d/%d: t %.15f p %.15f holm(2) %.15f\n", a, na, b, nb, t, p, p.adjust(c(p, p), "holm")[1]))
}
srs(14, 6)
srs(15, 9)
