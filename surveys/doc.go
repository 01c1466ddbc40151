// Package surveys is jianfu's domain: the built-in questionnaires and standard profiles, the school
// roster and the typed, columnar dataset that ingest produces and analysis reads.
//
// It imports no other package of the module; every other package may import it. The questionnaires
// and the national-2021 profile are data files embedded in the binary (see data/); users add their
// own profiles as YAML files that inherit a built-in one and override what differs.
package surveys
