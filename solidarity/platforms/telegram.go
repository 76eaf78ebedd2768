package platforms

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Telegram: Telegram Desktop's JSON export (Settings > Advanced > Export
// Telegram data, or a chat's "Export chat history", format JSON):
// result.json holds one chat ({"name", "type", "id", "messages": [...]})
// or, for a full export, {"chats": {"list": [chats]}, "left_chats": {"list":
// [the channels the exporter has left]}}, both read. A message has id,
// type ("message" or "service"), date (local time of the exporting
// computer) and date_unixtime (UTC seconds, used when present), from and
// from_id ("user123", "channel456", "chat789": the stable id; from is a
// display name and never used), reply_to_message_id (and reply_to_peer_id,
// "channel456", when the replied message is in another chat: a reply when
// that chat is in the export too), forwarded_from and
// text_entities (mention_name entities carry a user_id; plain @username
// mentions do not and are counted as no_stable_id). Items are
// "<chat>/<message id>", where <chat> is the chat's bare "id" namespaced by
// its "type" the way from_id is: "user123/5" for a personal, bot or saved
// messages chat (the id is the user's), "chat789/5" for a basic group
// (private_group), "channel456/5" for a supergroup or channel. The bare
// numbers of users, basic groups and channels are separate spaces, so
// without the namespace a personal chat and a channel sharing a number
// would merge their items. A chat of unknown or missing type keeps its bare
// id ("456/5"). The chat's id and type may come after its messages (other
// tools writing the schema): the items are then named once the chat object
// ends. A chat with messages and no id, or an id that is not an integer,
// is an error.
//
// Forwards: Telegram Desktop writes the origin of a forward only as
// forwarded_from, a display name, or null when the origin has no name (a
// deleted account) - checked against the exporter's source,
// Telegram/SourceFiles/export/output/export_output_json.cpp, whose whole
// history (to commit 929032d, September 2025) never writes an id there. A
// forward is therefore counted (forward_no_id), not mapped, unless the file
// carries forwarded_from_id ("user123", "channel456"), as exports rewritten
// by other tools in the same schema do: then it is a share of the forward
// by that origin. Names are never matched to ids: two channels may share a
// name, and a name changes.
//
// Reactions (exports since Telegram Desktop 5.6, September 2024):
// "reactions": [{"type": "emoji"|"custom_emoji"|"paid", "count", "recent":
// [{"from", "from_id", "date"}]}]. Each reactor in recent is a like of the
// message, by from_id. Telegram lists only some recent reactors (none in
// channels, where reactions are anonymous): the rest of count is counted
// as reaction_no_actor. A reaction's date is written only in the exporting
// computer's local time; it is turned into UTC with the offset between the
// message's own date and date_unixtime (exact unless a daylight-saving
// change falls between the message and the reaction: then off by an hour).
// Reactions to a message that is skipped are skipped with it.

type tgMessage struct {
	ID              flexID          `json:"id"`
	Type            string          `json:"type"`
	Date            flexTime        `json:"date"`
	DateUnix        flexTime        `json:"date_unixtime"`
	FromID          flexID          `json:"from_id"`
	ReplyTo         flexID          `json:"reply_to_message_id"`
	ReplyToPeer     flexID          `json:"reply_to_peer_id"`
	ForwardedFrom   json.RawMessage `json:"forwarded_from"` // present (even null) on every forward
	ForwardedFromID flexID          `json:"forwarded_from_id"`
	TextEntities    []struct {
		Type   string `json:"type"`
		UserID flexID `json:"user_id"`
		Text   string `json:"text"`
		Href   string `json:"href"` // text_link: the address behind the words
	} `json:"text_entities"`
	Reactions []struct {
		Count  int64 `json:"count"`
		Recent []struct {
			FromID flexID   `json:"from_id"`
			Date   flexTime `json:"date"` // local time of the exporting computer, no zone
		} `json:"recent"`
	} `json:"reactions"`
}

// content is the message's text (its entities' texts joined) and the
// addresses of its links.
func (m *tgMessage) content() (string, []string) {
	var b strings.Builder
	var links []string
	for _, e := range m.TextEntities {
		b.WriteString(e.Text)
		switch e.Type {
		case "text_link":
			links = append(links, e.Href)
		case "link":
			links = append(links, e.Text)
		}
	}
	return b.String(), links
}

// SkipForwardNoID counts Telegram forwards whose origin is named only by a
// display name (or null), as in every Telegram Desktop export.
const SkipForwardNoID = "forward_no_id"

// SkipReactionNoActor counts Telegram reactions whose reactor the export
// does not name (all but the recent few; all of a channel's).
const SkipReactionNoActor = "reaction_no_actor"

func readTelegram(path string, opt Options, c *collector) error {
	rc, name, err := open(path, "", opt)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := newDoc(rc, name, opt)
	found := false
	chats := 0
	var chat func(prefix string) error
	chat = func(prefix string) error {
		what := prefix + "chat"
		var id flexID
		typ := ""
		haveID, haveType, sawMessages := false, false, false
		// Messages read before the chat's id and type (Telegram Desktop
		// writes both first; other tools need not) get items under a
		// provisional prefix, unique to this chat and unlike any real one
		// (it starts with a NUL byte), renamed once the whole chat object
		// is read. Nothing is buffered: the events are the ones the
		// collector holds anyway, and renaming them costs one pass over
		// this chat's events.
		provisional := "\x00" + strconv.Itoa(chats) + "/"
		chats++
		provFrom, provPending := -1, 0
		err := d.object(what, func(key string) error {
			switch key {
			case "id":
				if err := d.dec.Decode(&id); err != nil {
					return d.err(err, what+" id")
				}
				// Only digits (and a sign): so every item prefix is a
				// namespace and a number, never the provisional one.
				if id != "" && !isInteger(string(id)) {
					return perr(name, 0, "%s id %.40q near byte %d: want the chat's numeric id", what, string(id), d.dec.InputOffset())
				}
				haveID = id != ""
				return nil
			case "type":
				var t any
				if err := d.dec.Decode(&t); err != nil {
					return d.err(err, what+" type")
				}
				switch v := t.(type) {
				case string:
					typ = v
				case nil: // Telegram Desktop's null: a dialog it could not classify
				default:
					return perr(name, 0, "%s type near byte %d: want a string such as \"public_channel\", found %s", what, d.dec.InputOffset(), jsonKindOf(t))
				}
				haveType = true
				return nil
			case "chats", "left_chats": // left_chats: the channels the exporter left
				if prefix != "" {
					return errSkip // only a full export's top level lists chats
				}
				return d.object(key, func(k string) error {
					if k != "list" {
						return errSkip
					}
					return d.each(key+".list", func(i int) error {
						return chat(key + ".list[" + strconv.Itoa(i) + "] ")
					})
				})
			case "messages":
				found, sawMessages = true, true
				items := provisional
				if haveID && haveType {
					items = telegramChatID(string(id), typ) + "/"
				} else if provFrom < 0 {
					provFrom, provPending = c.b.Len(), len(c.pending)
				}
				return d.array("messages", func(raw json.RawMessage, i int) error {
					c.rep.Records++
					var m tgMessage
					if ok, err := d.element(raw, &m, "messages", i, c); !ok {
						return err
					}
					telegramMessage(&m, items, c)
					return nil
				})
			}
			return errSkip
		})
		if err != nil {
			return err
		}
		if sawMessages && !haveID {
			return perr(name, 0, "%s has messages but no id: want the chat's numeric \"id\" (as Telegram Desktop writes it)", what)
		}
		if provFrom >= 0 {
			c.reprefix(provFrom, provPending, provisional, telegramChatID(string(id), typ)+"/")
		}
		return nil
	}
	if err := chat(""); err != nil {
		return err
	}
	if !found {
		return perr(name, 0, "no messages: want Telegram Desktop's result.json (a chat with messages, or chats.list)")
	}
	return nil
}

// isInteger reports whether s is a decimal integer, optionally signed.
func isInteger(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// jsonKindOf names the kind of a decoded JSON value, for messages.
func jsonKindOf(v any) string {
	switch v.(type) {
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return "a value"
}

// telegramChatID namespaces a chat's bare id by the chat's type, as
// Telegram Desktop namespaces from_id: a personal chat has its user's id, a
// basic group its chat id and a supergroup or channel its channel id, and
// the three are separate number spaces (a user and a channel may share a
// bare id). The type strings are DialogInfo's, written by
// export_output_json.cpp (TypeString in JsonWriter::writeDialogStart); the
// saved messages, replies and verification codes chats are chats with a
// user (the exporter, or a service account). An unknown or missing type
// (Telegram Desktop writes null for a dialog it cannot classify; other
// tools may write none) keeps the bare id: it cannot collide with a
// namespaced id, only with another chat of unknown type.
func telegramChatID(id, typ string) string {
	switch typ {
	case "personal_chat", "bot_chat", "saved_messages", "replies", "verification_codes":
		return "user" + id
	case "private_group":
		return "chat" + id
	case "private_supergroup", "public_supergroup", "private_channel", "public_channel":
		return "channel" + id
	}
	return id
}

// telegramMessage adds the events of message m, whose items are chat (the
// chat's namespaced id and a slash) followed by a message id.
func telegramMessage(m *tgMessage, chat string, c *collector) {
	if m.Type != "" && m.Type != "message" {
		c.skip(SkipUnknownType) // service messages: joins, pins, calls
		return
	}
	from := string(m.FromID)
	if from == "" || m.ID == "" {
		c.skip(SkipNoActor)
		return
	}
	t, ok := m.DateUnix.T, m.DateUnix.Set
	if !ok {
		t, ok = m.Date.T, m.Date.Set
	}
	if !ok {
		c.skip(SkipNoTime)
		return
	}
	item := chat + string(m.ID)
	switch {
	case m.ForwardedFromID != "":
		c.add(from, item, string(m.ForwardedFromID), Share, t)
		if c.keepContent {
			text, links := m.content()
			c.setContent(text, links...)
		}
		telegramReactions(m, item, string(m.ForwardedFromID), c)
		return
	case len(m.ForwardedFrom) > 0:
		c.skip(SkipForwardNoID) // forwarded from a display name (or null) only
		return
	}
	c.post(from, item, t)
	if c.keepContent {
		text, links := m.content()
		c.setContent(text, links...)
	}
	telegramReactions(m, item, from, c)
	if m.ReplyTo != "" {
		parent := chat + string(m.ReplyTo)
		if m.ReplyToPeer != "" {
			// A reply into another chat (Telegram Desktop writes the peer
			// only when it is not the message's own chat): the peer is
			// namespaced as chat ids are, so the parent is found when that
			// chat is in the export too, and is unresolved_parent if not.
			parent = string(m.ReplyToPeer) + "/" + string(m.ReplyTo)
		}
		c.addParent(from, parent, "", Reply, t)
	}
	for _, e := range m.TextEntities {
		switch {
		case e.Type == "mention_name" && e.UserID != "":
			c.add(from, item, "user"+string(e.UserID), Mention, t)
		case e.Type == "mention":
			c.skip(SkipNoID)
		}
	}
}

// telegramReactions adds a like of item (by author) for every reactor the
// message's reactions name.
func telegramReactions(m *tgMessage, item, author string, c *collector) {
	// The exporting computer's offset from UTC at the message's time.
	var offset int64
	if m.Date.Set && m.DateUnix.Set {
		offset = m.Date.T - m.DateUnix.T
	}
	for _, r := range m.Reactions {
		named := int64(0)
		for _, rc := range r.Recent {
			named++
			switch {
			case rc.FromID == "":
				c.skip(SkipNoActor)
			case !rc.Date.Set || rc.Date.T-offset <= 0:
				c.skip(SkipNoTime)
			default:
				c.add(string(rc.FromID), item, author, Like, rc.Date.T-offset)
			}
		}
		if anon := min(r.Count, 1<<31) - named; anon > 0 {
			c.rep.Skipped[SkipReactionNoActor] += int(anon)
		}
	}
}
