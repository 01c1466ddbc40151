package ingest

import "strings"

// multiSep joins the options of a multiple choice in a 问卷星 text download: "语文┋数学".
const multiSep = "┋"

const (
	fillOpen  = "〖"
	fillClose = "〗"
)

// splitFillIns separates the fill-in text 问卷星 attaches to an option from the option's label:
// "30-60分钟〖大概40分钟〗" is the label "30-60分钟" and the text "大概40分钟"; in a multiple choice
// "其他【请注明】〖亲友赠送的〗┋语文" the label is "其他【请注明】┋语文". Texts are trimmed and empty ones
// left out. A cell without fill-ins, or with a 〖 that is never closed (not 问卷星's form), is returned
// whole with no texts.
func splitFillIns(cell string) (label string, texts []string) {
	if !strings.Contains(cell, fillOpen) {
		return cell, nil
	}
	var b strings.Builder
	rest := cell
	for {
		i := strings.Index(rest, fillOpen)
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		// The text runs to the 〗 that closes this 〖: brackets inside it nest.
		depth, end := 0, -1
		for j := i; j < len(rest); {
			switch {
			case strings.HasPrefix(rest[j:], fillOpen):
				depth++
				j += len(fillOpen)
			case strings.HasPrefix(rest[j:], fillClose):
				depth--
				j += len(fillClose)
				if depth == 0 {
					end = j
				}
			default:
				j++
			}
			if end >= 0 {
				break
			}
		}
		if end < 0 {
			return cell, nil
		}
		if t := strings.TrimSpace(rest[i+len(fillOpen) : end-len(fillClose)]); t != "" {
			texts = append(texts, t)
		}
		rest = rest[end:]
	}
	return b.String(), texts
}
