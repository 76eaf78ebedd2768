package display

import (
	"html"
	"strings"
	"unicode/utf8"
)

// String renders the table as aligned plain text for a terminal: the title,
// the shape line when shown, the header, a rule and the rows, numbers
// right-aligned and text left-aligned, columns two spaces apart, then the
// notes. Column types are left to the HTML form: on a terminal and in
// reports they are noise. Newlines and tabs inside cells are shown as spaces.
func (t *Table) String() string {
	l := t.layout()
	flat := func(s string) string {
		return strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
	}
	lines := [][]string{l.headers}
	lines = append(lines, nil) // the rule
	lines = append(lines, l.rows...)
	width := make([]int, len(l.headers))
	for _, ln := range lines {
		for j, c := range ln {
			if w := utf8.RuneCountInString(flat(c)); w > width[j] {
				width[j] = w
			}
		}
	}
	var b strings.Builder
	if l.title != "" {
		b.WriteString(l.title)
		b.WriteByte('\n')
	}
	if l.shape != "" {
		b.WriteString(l.shape)
		b.WriteByte('\n')
	}
	for _, ln := range lines {
		var cells []string
		for j := range l.headers {
			if ln == nil {
				cells = append(cells, strings.Repeat("─", width[j]))
				continue
			}
			c := flat(ln[j])
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(c))
			if l.numeric[j] {
				cells = append(cells, pad+c)
			} else {
				cells = append(cells, c+pad)
			}
		}
		b.WriteString(strings.TrimRight(strings.Join(cells, "  "), " "))
		b.WriteByte('\n')
	}
	for _, n := range l.notes {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	return b.String()
}

// htmlStyle is polars' table style (py-polars dataframe/_html.py), scoped
// to our tables.
const htmlStyle = `<style>
.solidarity-table > thead > tr > th, .solidarity-table > thead > tr > td,
.solidarity-table > tbody > tr > td { white-space: pre-wrap; }
.solidarity-table > tbody > tr > td.num, .solidarity-table > thead > tr > .num { text-align: right; }
.solidarity-table > tbody > tr > td.str, .solidarity-table > thead > tr > .str { text-align: left; }
.solidarity-table > thead > tr.types > td { font-style: italic; opacity: 0.7; }
</style>
`

// HTML renders the table as an HTML fragment for a notebook, in the manner
// of polars: a <small> shape line, a header row, a row of column types, the
// head and tail rows with an elision row between them, and every title,
// header and cell escaped (html.EscapeString). gophernotes and GoNB
// (through solidarity.Show) display it.
func (t *Table) HTML() string {
	l := t.layout()
	class := func(j int) string {
		if l.numeric[j] {
			return "num"
		}
		return "str"
	}
	var b strings.Builder
	b.WriteString("<div>")
	b.WriteString(htmlStyle)
	if l.title != "" {
		b.WriteString("<strong>" + html.EscapeString(l.title) + "</strong><br>\n")
	}
	if l.shape != "" {
		b.WriteString("<small>" + html.EscapeString(l.shape) + "</small>\n")
	}
	b.WriteString(`<table border="1" class="dataframe solidarity-table">` + "\n<thead>\n<tr>")
	for j, h := range l.headers {
		b.WriteString(`<th class="` + class(j) + `">` + html.EscapeString(h) + "</th>")
	}
	b.WriteString("</tr>\n")
	if l.types != nil {
		b.WriteString(`<tr class="types">`)
		for j, ty := range l.types {
			b.WriteString(`<td class="` + class(j) + `">` + html.EscapeString(ty) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</thead>\n<tbody>\n")
	for _, r := range l.rows {
		b.WriteString("<tr>")
		for j, c := range r {
			if c == Ellipsis {
				b.WriteString(`<td class="` + class(j) + `">&hellip;</td>`)
				continue
			}
			b.WriteString(`<td class="` + class(j) + `">` + html.EscapeString(c) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
	for _, n := range l.notes {
		b.WriteString("<small>" + html.EscapeString(n) + "</small><br>\n")
	}
	b.WriteString("</div>")
	return b.String()
}

// mdEscaper escapes what GitHub-flavoured Markdown would read as markup
// inside a table cell; newlines become <br>.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`",
	"[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"#", `\#`, "~", `\~`, "\r\n", "<br>", "\n", "<br>",
)

// EscapeMarkdown escapes what GitHub-flavoured Markdown would read as
// markup in s (as table cells are escaped), for text written around tables.
func EscapeMarkdown(s string) string { return mdEscaper.Replace(s) }

// Markdown renders the table as a GitHub-flavoured Markdown table: the title
// in bold, the header, an alignment row (numbers right, text left), the rows
// with Markdown and HTML metacharacters escaped, then the shape line and
// notes. Like String, it has no row of column types (reports such as
// report.md read as prose tables).
func (t *Table) Markdown() string {
	l := t.layout()
	var b strings.Builder
	if l.title != "" {
		b.WriteString("**" + mdEscaper.Replace(l.title) + "**\n\n")
	}
	row := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + mdEscaper.Replace(c) + " |")
		}
		b.WriteString("\n")
	}
	row(l.headers)
	b.WriteString("|")
	for j := range l.headers {
		if l.numeric[j] {
			b.WriteString("---:|")
		} else {
			b.WriteString(":---|")
		}
	}
	b.WriteString("\n")
	for _, r := range l.rows {
		row(r)
	}
	if l.shape != "" || len(l.notes) > 0 {
		b.WriteString("\n")
	}
	if l.shape != "" {
		b.WriteString("*" + mdEscaper.Replace(l.shape) + "*\n")
	}
	for _, n := range l.notes {
		b.WriteString("\n" + mdEscaper.Replace(n) + "\n")
	}
	return b.String()
}

// Tables is a list of tables shown one after the other: a result with a
// summary and detail tables renders through it.
type Tables []*Table

// String renders the tables as text, a blank line apart.
func (ts Tables) String() string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(t.String())
	}
	return b.String()
}

// HTML renders the tables as HTML, one after the other.
func (ts Tables) HTML() string {
	var b strings.Builder
	for _, t := range ts {
		b.WriteString(t.HTML())
	}
	return b.String()
}

// Markdown renders the tables as Markdown, a blank line apart.
func (ts Tables) Markdown() string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(t.Markdown())
	}
	return b.String()
}
