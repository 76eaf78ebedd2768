package platforms

import (
	"os"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Regression: items were "<bare chat id>/<message id>", so chats of
// different types sharing a bare id (a personal chat with user 42, a
// supergroup with channel id 42, a basic group with chat id 42) merged
// their messages, and a chat whose messages came before its "id" gave
// items "/1", "/2". The fixture has both, and replies into another chat
// (reply_to_peer_id), which the namespaced ids let the reader resolve when
// that chat is exported too; every expected event below is read off the
// fixture by hand.
func TestTelegramSharedChatIDs(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	var opt Options
	opt.Events.Mem = mem
	ev, rep, err := Read("testdata/telegram/shared-ids.json", "telegram", opt)
	if err != nil {
		t.Fatal(err)
	}
	defer ev.Release()
	want := []string{
		"user42 post user42/1 by user42 at 1682942400",
		"user1 post user42/2 by user1 at 1682942460",
		"user1 reply user42/1 by user42 at 1682942460",
		// The supergroup's messages, read before its id and type.
		"user7 post channel42/1 by user7 at 1682942520",
		"user8 like channel42/1 by user7 at 1682943000", // 14:10 local, UTC+2
		"user8 post channel42/2 by user8 at 1682942580",
		"user8 reply channel42/1 by user7 at 1682942580",
		"user9 post channel42/3 by user9 at 1682942640",
		// (user9's reply to message 99, not exported, is dropped.)
		"user7 post channel42/4 by user7 at 1682942700",
		"user7 reply channel42/5 by user8 at 1682942700", // parent read later, resolved at the end
		"user8 post channel42/5 by user8 at 1682942760",
		"user5 post chat42/1 by user5 at 1682942820",
		"user5 post chat42/2 by user5 at 1682942880",
		"user5 reply channel42/1 by user7 at 1682942880", // reply_to_peer_id channel42: into the supergroup
		"user5 post chat42/3 by user5 at 1682942940",
		// (its reply into channel77, not exported, is dropped.)
	}
	got := eventStrings(ev)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rep.Records != 10 || ev.NumItems() != 10 || rep.Skipped[SkipUnresolvedParent] != 2 {
		t.Errorf("records %d items %d unresolved %d, want 10 10 2 (%v)", rep.Records, ev.NumItems(), rep.Skipped[SkipUnresolvedParent], rep)
	}
}

// The same chat read with its keys in Telegram Desktop's order and with
// the messages first gives the same events, content included.
func TestTelegramKeyOrder(t *testing.T) {
	one, err := os.ReadFile("testdata/telegram/result.json")
	if err != nil {
		t.Fatal(err)
	}
	head := "{\n \"name\": \"Solidarity chat\",\n \"type\": \"public_supergroup\",\n \"id\": 1000,\n"
	if !strings.HasPrefix(string(one), head) {
		t.Fatalf("fixture does not start with %q", head)
	}
	body := strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(string(one), head)), "}")
	for _, tail := range []string{
		`, "name": "Solidarity chat", "type": "public_supergroup", "id": 1000}`,
		`, "id": 1000, "type": "public_supergroup"}`,
	} {
		reordered := "{" + body + tail
		var got [2][]string
		for k, p := range []string{"testdata/telegram/result.json", writeFile(t, "result.json", reordered)} {
			ev, _, err := Read(p, "telegram", Options{Content: true})
			if err != nil {
				t.Fatal(err)
			}
			got[k] = eventStrings(ev)
			for i := 0; i < ev.Len(); i++ {
				got[k][i] += " " + ev.Text(i)
			}
			ev.Release()
		}
		if strings.Join(got[0], "\n") != strings.Join(got[1], "\n") {
			t.Errorf("tail %s:\n%s\nwant:\n%s", tail, strings.Join(got[1], "\n"), strings.Join(got[0], "\n"))
		}
		if !strings.Contains(strings.Join(got[1], "\n"), "user2 share channel1000/3 by channel77") {
			t.Errorf("tail %s: items not named channel1000/...:\n%s", tail, strings.Join(got[1], "\n"))
		}
	}
}

// Every chat type Telegram Desktop writes (TypeString in
// export_output_json.cpp's JsonWriter::writeDialogStart), and the fallback.
func TestTelegramChatID(t *testing.T) {
	for typ, want := range map[string]string{
		"personal_chat":      "user42",
		"bot_chat":           "user42",
		"saved_messages":     "user42",
		"replies":            "user42",
		"verification_codes": "user42",
		"private_group":      "chat42",
		"private_supergroup": "channel42",
		"public_supergroup":  "channel42",
		"private_channel":    "channel42",
		"public_channel":     "channel42",
		"":                   "42", // null or missing type
		"secret_chat":        "42", // a type no exporter writes
	} {
		if got := telegramChatID("42", typ); got != want {
			t.Errorf("type %q: %q, want %q", typ, got, want)
		}
	}
}
