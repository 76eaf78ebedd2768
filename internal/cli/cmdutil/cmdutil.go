package cmdutil

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// IO carries a verb's streams, so tests can run a verb without a process.
type IO struct {
	Out, Err io.Writer
	// Terminal is true when Err is a terminal: progress is shown only then.
	Terminal bool
}

// System returns the process's streams.
func System() *IO {
	return &IO{Out: os.Stdout, Err: os.Stderr, Terminal: term.IsTerminal(int(os.Stderr.Fd()))}
}

// UsageError is a mistake in the command line itself; the root command
// prints the verb's usage with it and exits with status 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef builds a UsageError.
func Usagef(format string, a ...any) error { return &UsageError{Msg: fmt.Sprintf(format, a...)} }

// ExitCode maps an error to the process exit status: 0 success, 2 usage,
// 1 anything else (bad data, missing files, failed downloads).
func ExitCode(err error) int {
	var u *UsageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &u):
		return 2
	}
	return 1
}

// NewFlagSet returns a flag set that reports errors instead of exiting and
// whose usage text starts with the verb's synopsis and examples.
func NewFlagSet(name, synopsis, examples string, errOut io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(errOut)
	fs.Usage = func() {
		fmt.Fprintf(errOut, "Usage: %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		if examples != "" {
			fmt.Fprintf(errOut, "\nExamples:\n%s\n", examples)
		}
	}
	return fs
}

// Parse parses args, allowing flags after positional arguments
// ("solidarity fetch polblogs --json"), turning flag errors into
// UsageErrors and rejecting positional arguments beyond max. The positional
// arguments are then fs.Args().
func Parse(fs *flag.FlagSet, args []string, max int) error {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return &UsageError{Msg: err.Error()}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		// After "--" everything is positional.
		if i := len(args) - len(rest) - 1; i >= 0 && args[i] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	if len(positional) > max {
		return Usagef("%s: unexpected argument %q", fs.Name(), positional[max])
	}
	// Leave the positional arguments where fs.Args() finds them.
	fs.Parse(append([]string{"--"}, positional...))
	return nil
}

// WriteJSON writes v as indented JSON followed by a newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
