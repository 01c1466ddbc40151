# Golden values for jianfu's design-based estimation (analysis/design_test.go).
#
#   Rscript testdata/r/design.R      (from the repository root; needs r-cran-survey)
#
# Writes testdata/design/frame.csv (the test data: one row per answer) and
# testdata/design/golden.csv (what R's survey package gives on it). Both are committed; go test
# compares jianfu to golden.csv to 1e-6 and re-runs this script when Rscript is installed.
#
# The design is the one standards.md names: classes are PSUs, reporting units (school, or one stage
# of a two-stage school) are strata, lonely classes handled as survey.lonely.psu = "adjust".
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")

set.seed(20260301)
mid <- c(0, 15, 45, 75, 105, 135)
# unit, grades, classes per grade, class size, mean share, between-class spread (intra-class correlation)
plan <- data.frame(
  unit   = c("U1", "U2", "U3", "U4", "U5", "U6"),
  grades = c("7,8", "3,4", "5", "7", "8,9", "1"),
  ncls   = c(2, 2, 1, 2, 3, 1),
  size   = c(25, 30, 18, 12, 6, 9),
  p      = c(0.6, 0.8, 0.7, 1.0, 0.5, 0.9),
  spread = c(0.35, 0.02, 0, 0, 0.2, 0),
  stringsAsFactors = FALSE)
rows <- list()
for (i in seq_len(nrow(plan))) {
  pl <- plan[i, ]
  for (g in as.integer(strsplit(pl$grades, ",")[[1]])) {
    for (k in seq_len(pl$ncls)) {
      pk <- min(1, max(0, pl$p + runif(1, -pl$spread, pl$spread)))
      y <- rbinom(pl$size, 1, pk)
      shift <- sample(0:2, 1)
      hw <- mid[pmin(6, pmax(1, sample(1:4, pl$size, replace = TRUE) + shift))]
      rows[[length(rows) + 1]] <- data.frame(unit = pl$unit, grade = g, class = paste0(pl$unit, "-", g, "-", k), y = y, hw = hw)
    }
  }
}
d <- do.call(rbind, rows)
# Enrolment per unit × grade for post-stratification: between 1.5 and 4 times the respondents.
d$ps <- paste(d$unit, d$grade, sep = "-")
cnt <- table(d$ps)
set.seed(7)
enrol <- round(as.vector(cnt) * runif(length(cnt), 1.5, 4))
names(enrol) <- names(cnt)
d$enrol <- enrol[d$ps]
# 城乡 of each unit, for the county's locale breakdown.
locale <- c(U1 = "城区", U2 = "镇区", U3 = "城区", U4 = "乡村", U5 = "镇区", U6 = "乡村")
d$locale <- unname(locale[d$unit])
# The national-2021 profile's bands.
band <- c("1-2", "1-2", "3-6", "3-6", "3-6", "3-6", "7-9", "7-9", "7-9")
d$band <- band[d$grade]
write.csv(d[, c("unit", "grade", "class", "y", "hw", "enrol", "locale")], "testdata/design/frame.csv", row.names = FALSE, quote = FALSE)

out <- list()
emit <- function(case, est, var, n, df, lo, hi, deff) {
  out[[length(out) + 1]] <<- data.frame(case = case, estimate = est, var = var, n = n, df = df, ci_low = lo, ci_high = hi, deff = deff)
}
share <- function(case, des) {
  m <- svymean(~y, des, deff = "replace")
  ci <- svyciprop(~y, des, method = "beta")
  emit(case, coef(m)[[1]], vcov(m)[1, 1], nrow(des), degf(des), attr(ci, "ci")[[1]], attr(ci, "ci")[[2]], deff(m)[[1]])
  if (is.na(attr(ci, "ci")[[1]]) && degf(des) >= 1) {
    # R has no n.eff when the variance is 0 (a share of 0 or 1); jianfu then takes n.eff = n (the
    # domain's answers) as the NCHS standards do, i.e. the same formula as svyciprop's "beta" method
    # with n.eff = the answers in the domain (nrow(des) except for a domain of a post-stratified design,
    # whose other rows subset() keeps with zero weight).
    p <- coef(m)[[1]]
    n.eff <- sum(weights(des) != 0) * (qt(0.025, nrow(des) - 1) / qt(0.025, degf(des)))^2
    emit(paste0(case, "/nchs"), p, vcov(m)[1, 1], nrow(des), degf(des),
         qbeta(0.025, n.eff * p, n.eff * (1 - p) + 1), qbeta(0.975, n.eff * p + 1, n.eff * (1 - p)), NA)
  }
}
mean_hw <- function(case, des) {
  m <- svymean(~hw, des, deff = "replace")
  ci <- confint(m, df = degf(des))
  emit(case, coef(m)[[1]], vcov(m)[1, 1], nrow(des), degf(des), ci[1, 1], ci[1, 2], deff(m)[[1]])
}
county <- svydesign(ids = ~class, strata = ~unit, nest = TRUE, data = d)
pop <- data.frame(ps = names(enrol), Freq = as.vector(enrol))
wcounty <- postStratify(county, ~ps, pop)

# --fpc: the sampling fraction of each unit (its answers over its enrolment) at the class stage, every
# answer still weighing 1.
d$one <- 1
ue <- tapply(enrol, sub("-[0-9]+$", "", names(enrol)), sum)
d$frac <- as.vector(table(d$unit)[d$unit]) / as.vector(ue[d$unit])
fcounty <- svydesign(ids = ~class, strata = ~unit, fpc = ~frac, weights = ~one, nest = TRUE, data = d)

share("county", county)
share("fpc/county", fcounty)
share("fpc/unit/U1", subset(fcounty, unit == "U1"))
share("fpc/unit/U5", subset(fcounty, unit == "U5"))
mean_hw("county/hw", county)
share("weighted/county", wcounty)
mean_hw("weighted/county/hw", wcounty)
for (u in unique(d$unit)) {
  # A unit's figures: the county design restricted to it (df = its classes − 1).
  share(paste0("unit/", u), subset(county, unit == u))
  mean_hw(paste0("unit/", u, "/hw"), subset(county, unit == u))
  # Weighted: the unit's own design post-stratified by its grades (nrow(design) is the unit's).
  du <- d[d$unit == u, ]
  wu <- postStratify(svydesign(ids = ~class, strata = ~unit, nest = TRUE, data = du), ~ps, pop[pop$ps %in% du$ps, ])
  share(paste0("weighted/unit/", u), wu)
  mean_hw(paste0("weighted/unit/", u, "/hw"), wu)
  # Every answer independent: the unit's own simple random sample.
  mean_hw(paste0("srs/unit/", u, "/hw"), svydesign(ids = ~1, data = du))
}
for (g in sort(unique(d$grade))) {
  # A grade is a domain that leaves other classes of the same unit out (they count as zero totals).
  share(paste0("grade/", g), subset(county, grade == g))
  # Weighted, a county breakdown is a domain of the county's post-stratified design: subset() keeps
  # the other rows with zero weight, so nrow(design) (the n of svyciprop's df adjustment) is the whole
  # county's, the g-weights are the county's, and degf counts the domain's classes and strata.
  share(paste0("weighted/grade/", g), subset(wcounty, grade == g))
}
for (b in sort(unique(d$band))) {
  share(paste0("band/", b), subset(county, band == b))
  mean_hw(paste0("band/", b, "/hw"), subset(county, band == b))
  share(paste0("weighted/band/", b), subset(wcounty, band == b))
  mean_hw(paste0("weighted/band/", b, "/hw"), subset(wcounty, band == b))
}
for (l in sort(unique(d$locale))) {
  share(paste0("locale/", l), subset(county, locale == l))
  share(paste0("weighted/locale/", l), subset(wcounty, locale == l))
}
res <- do.call(rbind, out)
write.csv(res, "testdata/design/golden.csv", row.names = FALSE, quote = FALSE)

# Comparisons: a unit against the rest of the county, a grade against the other grades.
# svyttest(y ~ group) on the county design: t = difference / SE (joint linearisation), df = degf − 1.
tt <- list()
ttest <- function(case, des) {
  r <- svyttest(y ~ grp, des)
  tt[[length(tt) + 1]] <<- data.frame(case = case, diff = unname(r$estimate), t = unname(r$statistic), df = unname(r$parameter), p = r$p.value)
}
for (u in unique(d$unit)) ttest(paste0("unit/", u), update(county, grp = unit == u))
for (g in c(3, 7, 8)) ttest(paste0("grade/", g), update(county, grp = grade == g))
for (l in sort(unique(d$locale))) ttest(paste0("locale/", l), update(county, grp = locale == l))
# Weighted: the same tests on the post-stratified county design.
for (u in unique(d$unit)) ttest(paste0("weighted/unit/", u), update(wcounty, grp = unit == u))
for (g in c(3, 7, 8)) ttest(paste0("weighted/grade/", g), update(wcounty, grp = grade == g))
for (l in sort(unique(d$locale))) ttest(paste0("weighted/locale/", l), update(wcounty, grp = locale == l))
write.csv(do.call(rbind, tt), "testdata/design/ttest.csv", row.names = FALSE, quote = FALSE)
