package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a byte scanner for the XML that Excel and 问卷星 write: it finds tags and the raw
// text between them without building a token per element, which is what makes encoding/xml the
// cost of reading a sheet. It is not a general XML parser: it knows tags, attributes in quotes,
// comments, processing instructions and CDATA, refuses a document type declaration, and stops at a
// nesting depth no real sheet reaches.
type xmlScanner struct {
	r     io.Reader
	buf   []byte
	pos   int
	end   int
	eof   bool
	depth int
	read  int64 // bytes taken from r
}

// scanBufSize is the scanner's window; a single tag may not be longer.
const scanBufSize = 256 << 10

// errXML is malformed XML inside a workbook part.
var errXML = errors.New("XML 不完整或格式错误")

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, scanBufSize)}
}

// fill moves the unread bytes to the front of the window and reads more; it reports whether any
// bytes were added.
func (s *xmlScanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.pos > 0 {
		s.end = copy(s.buf, s.buf[s.pos:s.end])
		s.pos = 0
	}
	if s.end == len(s.buf) {
		return false, fmt.Errorf("%w（一个标签超过 %d KB）", errXML, scanBufSize>>10)
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		s.read += int64(n)
		if err == io.EOF {
			s.eof = true
			return n > 0, nil
		}
		if err != nil {
			return n > 0, err
		}
		if n > 0 {
			return true, nil
		}
	}
}

type tagKind uint8

const (
	tagOpen tagKind = iota
	tagClose
	tagEmpty // <x/>
)

// tag is one tag; name has any namespace prefix removed. attrs and name are valid until the next call.
type tag struct {
	kind  tagKind
	name  []byte
	attrs []byte
}

// next returns the next element tag. The raw text before it is appended to text when text is not
// nil. At the end of the input it returns io.EOF.
func (s *xmlScanner) next(text *[]byte) (tag, error) {
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			if text != nil {
				if len(*text) > maxCellBytes {
					return tag{}, errCellTooLong // text with no tag in sight: never hold it all
				}
				*text = append(*text, s.buf[s.pos:s.end]...)
			}
			s.pos = s.end
			more, err := s.fill()
			if err != nil {
				return tag{}, err
			}
			if !more {
				return tag{}, io.EOF
			}
			continue
		}
		if text != nil {
			*text = append(*text, s.buf[s.pos:s.pos+i]...)
		}
		s.pos += i
		j, err := s.tagEnd()
		if err != nil {
			return tag{}, err
		}
		raw := s.buf[s.pos+1 : s.pos+j]
		if len(raw) > 0 && (raw[0] == '!' || raw[0] == '?') {
			if err := s.special(text); err != nil {
				return tag{}, err
			}
			continue
		}
		s.pos += j + 1
		t := tag{kind: tagOpen}
		if len(raw) > 0 && raw[0] == '/' {
			t.kind = tagClose
			raw = raw[1:]
		} else if len(raw) > 0 && raw[len(raw)-1] == '/' {
			t.kind = tagEmpty
			raw = raw[:len(raw)-1]
		}
		k := 0
		for k < len(raw) && raw[k] != ' ' && raw[k] != '\t' && raw[k] != '\n' && raw[k] != '\r' {
			k++
		}
		t.name, t.attrs = raw[:k], raw[k:]
		if c := bytes.IndexByte(t.name, ':'); c >= 0 {
			t.name = t.name[c+1:]
		}
		switch t.kind {
		case tagOpen:
			s.depth++
			if s.depth > maxXMLDepth {
				return tag{}, ErrXMLDepth
			}
		case tagClose:
			s.depth--
		}
		return t, nil
	}
}

// tagEnd returns the offset from s.pos of the '>' closing the tag that starts there, reading more
// input as needed. A '>' inside a quoted attribute value does not end the tag.
func (s *xmlScanner) tagEnd() (int, error) {
	if j := bytes.IndexByte(s.buf[s.pos+1:s.end], '>'); j >= 0 {
		in := s.buf[s.pos+1 : s.pos+1+j]
		if bytes.Count(in, []byte{'"'})%2 == 0 && bytes.IndexByte(in, '\'') < 0 {
			return j + 1, nil
		}
	}
	from := 1
	for {
		quote := byte(0)
		for j := s.pos + from; j < s.end; j++ {
			c := s.buf[j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return j - s.pos, nil
			}
		}
		more, err := s.fill() // the window now starts at the tag: scan it again from its start
		if err != nil {
			return 0, err
		}
		if !more {
			return 0, fmt.Errorf("%w（文件在一个标签中间结束）", errXML)
		}
		from = 1
	}
}

// special skips a comment, processing instruction or declaration at s.pos; CDATA text goes to text
// (escaped, so that unescaping the text later gives it back as written).
func (s *xmlScanner) special(text *[]byte) error {
	for _, m := range []struct{ open, close string }{{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}} {
		if !s.hasPrefix(m.open) {
			continue
		}
		for {
			if k := bytes.Index(s.buf[s.pos+len(m.open):s.end], []byte(m.close)); k >= 0 {
				if m.open == "<![CDATA[" && text != nil {
					body := s.buf[s.pos+len(m.open) : s.pos+len(m.open)+k]
					*text = append(*text, bytes.ReplaceAll(bytes.ReplaceAll(body, []byte("&"), []byte("&amp;")), []byte("<"), []byte("&lt;"))...)
				}
				s.pos += len(m.open) + k + len(m.close)
				return nil
			}
			more, err := s.fill()
			if err != nil {
				return err
			}
			if !more {
				return fmt.Errorf("%w（文件在注释或 CDATA 中间结束）", errXML)
			}
		}
	}
	return ErrXMLDoctype // <!DOCTYPE, <!ENTITY and other declarations
}

func (s *xmlScanner) hasPrefix(p string) bool {
	for s.end-s.pos < len(p) {
		more, err := s.fill()
		if err != nil || !more {
			return false
		}
	}
	return string(s.buf[s.pos:s.pos+len(p)]) == p
}

// attr returns the value of the attribute with the given local name (any namespace prefix ignored).
func attr(attrs []byte, name string) ([]byte, bool) {
	i := 0
	for i < len(attrs) {
		for i < len(attrs) && (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\n' || attrs[i] == '\r') {
			i++
		}
		k := i
		for i < len(attrs) && attrs[i] != '=' && attrs[i] != ' ' {
			i++
		}
		key := attrs[k:i]
		for i < len(attrs) && attrs[i] == ' ' {
			i++
		}
		if i >= len(attrs) || attrs[i] != '=' {
			return nil, false
		}
		i++
		for i < len(attrs) && attrs[i] == ' ' {
			i++
		}
		if i >= len(attrs) || (attrs[i] != '"' && attrs[i] != '\'') {
			return nil, false
		}
		q := attrs[i]
		i++
		v := i
		for i < len(attrs) && attrs[i] != q {
			i++
		}
		val := attrs[v:min(i, len(attrs))]
		i++
		if c := bytes.IndexByte(key, ':'); c >= 0 {
			key = key[c+1:]
		}
		if string(key) == name {
			return val, true
		}
	}
	return nil, false
}

// xmlText decodes raw XML text: line ends normalised as an XML parser does, entity and character
// references, and Excel's _xHHHH_ escapes for control characters.
func xmlText(raw []byte) (string, error) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 && bytes.Index(raw, []byte("_x")) < 0 {
		return string(raw), nil
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case c == '&':
			k := bytes.IndexByte(raw[i:], ';')
			if k < 0 || k > 12 {
				return "", fmt.Errorf("%w（“&”后没有实体名）", errXML)
			}
			ent := string(raw[i+1 : i+k])
			switch ent {
			case "amp":
				out = append(out, '&')
			case "lt":
				out = append(out, '<')
			case "gt":
				out = append(out, '>')
			case "quot":
				out = append(out, '"')
			case "apos":
				out = append(out, '\'')
			default:
				var n uint64
				var err error
				switch {
				case len(ent) > 2 && (ent[:2] == "#x" || ent[:2] == "#X"):
					n, err = strconv.ParseUint(ent[2:], 16, 32)
				case len(ent) > 1 && ent[0] == '#':
					n, err = strconv.ParseUint(ent[1:], 10, 32)
				default:
					return "", fmt.Errorf("%w（未知实体 &%s;）", errXML, ent)
				}
				if err != nil || !utf8.ValidRune(rune(n)) {
					return "", fmt.Errorf("%w（无效字符引用 &%s;）", errXML, ent)
				}
				out = utf8.AppendRune(out, rune(n))
			}
			i += k
		case c == '_' && i+6 < len(raw) && raw[i+1] == 'x' && raw[i+6] == '_' && isHex4(raw[i+2:i+6]):
			n, _ := strconv.ParseUint(string(raw[i+2:i+6]), 16, 32)
			out = utf8.AppendRune(out, rune(n))
			i += 6
		default:
			out = append(out, c)
		}
	}
	return string(out), nil
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// readSST reads the shared strings: the text of each <si>, its runs joined, phonetic runs (<rPh>) left out.
func (b *xlsxBook) readSST(name string) ([]string, error) {
	rc, err := b.open(name, maxSharedStringsBytes)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	s := newXMLScanner(io.LimitReader(rc, maxSharedStringsBytes))
	var out []string
	var raw []byte
	inSI, inT, inPh := false, false, false
	for {
		var text *[]byte
		if inT && !inPh {
			text = &raw
		}
		t, err := s.next(text)
		if len(raw) > maxCellBytes {
			return nil, withDetail(ErrCorruptZip, fmt.Errorf("%s 第%d个字符串: %w", name, len(out)+1, errCellTooLong))
		}
		if err == io.EOF {
			if inSI {
				return nil, withDetail(ErrCorruptZip, fmt.Errorf("%s: %w", name, errXML))
			}
			return out, nil
		}
		if err != nil {
			if errors.Is(err, ErrXMLDoctype) || errors.Is(err, ErrXMLDepth) {
				return nil, err
			}
			return nil, withDetail(ErrCorruptZip, fmt.Errorf("%s: %w", name, err))
		}
		switch string(t.name) {
		case "si":
			switch t.kind {
			case tagOpen:
				inSI, raw = true, raw[:0]
			case tagEmpty:
				out = append(out, "")
			case tagClose:
				v, err := xmlText(raw)
				if err != nil {
					return nil, withDetail(ErrCorruptZip, fmt.Errorf("%s 第%d个字符串: %w", name, len(out)+1, err))
				}
				out = append(out, v)
				inSI = false
			}
		case "t":
			inT = t.kind == tagOpen
		case "rPh":
			inPh = t.kind == tagOpen
		}
	}
}
