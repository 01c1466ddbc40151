# Expected values for analysis/estimate_mean_pin_test.go (R 4.x with r-cran-survey; run:
# Rscript testdata/r/homework_mean.R). Two schools (strata), each with a grade-7 and a grade-8 class of
# 10 answers, homework minutes at the option midpoints:
#   school 0 grade 7: 5 x 45, 5 x 75      school 0 grade 8: 10 x 75
#   school 1 grade 7: 10 x 45             school 1 grade 8: 5 x 15, 5 x 45
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
rows <- data.frame(
  school = rep(c(0, 0, 1, 1), each = 10), grade = rep(c(7, 8, 7, 8), each = 10), class = rep(1:4, each = 10),
  y = c(rep(45, 5), rep(75, 5), rep(75, 10), rep(45, 10), rep(15, 5), rep(45, 5)))
des <- svydesign(ids = ~class, strata = ~school, nest = TRUE, weights = ~1, data = rows)
show <- function(name, keep) {
  sub <- subset(des, keep)
  m <- svymean(~y, sub, deff = "replace")
  ci <- confint(m, df = degf(sub))
  x <- rows$y[keep]
  tt <- t.test(x)$conf.int
  cat(sprintf("%s: n %d mean %.12f design-t df %d [%.12f, %.12f] deff %.12f | srs-t df %d [%.12f, %.12f]\n",
    name, length(x), coef(m), degf(sub), ci[1], ci[2], deff(m), length(x) - 1, tt[1], tt[2]))
}
show("all", rep(TRUE, 40))
show("school 0", rows$school == 0)
show("grade 7", rows$grade == 7)
show("school 0 grade 7", rows$school == 0 & rows$grade == 7)
