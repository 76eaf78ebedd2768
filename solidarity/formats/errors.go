package formats

import "fmt"

// ParseError reports malformed input: the file (archive.zip:member for a
// zip member), the line (1-based; 0 when unknown, as for a truncated
// compressed stream) and what was expected.
type ParseError struct {
	File string
	Line int
	Msg  string
	Err  error // underlying error, if any
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("formats: %s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("formats: %s: %s", e.File, e.Msg)
}

func (e *ParseError) Unwrap() error { return e.Err }

func perr(file string, line int, format string, args ...any) *ParseError {
	return &ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}
