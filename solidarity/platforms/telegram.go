package platforms

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Telegram: Telegram Desktop's JSON export (Settings > Advanced > Export
// Telegram data, or a chat's "Export chat history", format JSON):
// result.json holds one chat ({"name", "type", "id", "messages": [...]})
// or, for a full export, {"chats": {"list": [chats]}}. A message has id,
// type ("message" or "service"), date (local time of the exporting
// computer) and date_unixtime (UTC seconds, used when present), from and
// from_id ("user123", "channel456": the stable id; from is a display name
// and never used), reply_to_message_id, forwarded_from (a display name)
// and, in recent exports, forwarded_from_id, and text_entities
// (mention_name entities carry a user_id; plain @username mentions do not
// and are counted as no_stable_id). Items are "<chat id>/<message id>".

type tgMessage struct {
	ID              flexID   `json:"id"`
	Type            string   `json:"type"`
	Date            flexTime `json:"date"`
	DateUnix        flexTime `json:"date_unixtime"`
	FromID          flexID   `json:"from_id"`
	ReplyTo         flexID   `json:"reply_to_message_id"`
	ReplyToPeer     flexID   `json:"reply_to_peer_id"`
	ForwardedFrom   *string  `json:"forwarded_from"`
	ForwardedFromID flexID   `json:"forwarded_from_id"`
	TextEntities    []struct {
		Type   string `json:"type"`
		UserID flexID `json:"user_id"`
		Text   string `json:"text"`
		Href   string `json:"href"` // text_link: the address behind the words
	} `json:"text_entities"`
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

func readTelegram(path string, opt Options, c *collector) error {
	rc, name, err := open(path, "", opt)
	if err != nil {
		return err
	}
	defer rc.Close()
	d := newDoc(rc, name, opt)
	found := false
	var chat func(prefix string) error
	chat = func(prefix string) error {
		chatID := ""
		return d.object(prefix+"chat", func(key string) error {
			switch key {
			case "id":
				var id flexID
				if err := d.dec.Decode(&id); err != nil {
					return d.err(err, "chat id")
				}
				chatID = string(id)
				return nil
			case "chats":
				if prefix != "" {
					return errSkip // only a full export's top level lists chats
				}
				return d.object("chats", func(k string) error {
					if k != "list" {
						return errSkip
					}
					return d.each("chats.list", func(i int) error {
						return chat("chats.list[" + strconv.Itoa(i) + "] ")
					})
				})
			case "messages":
				found = true
				return d.array("messages", func(raw json.RawMessage, i int) error {
					c.rep.Records++
					var m tgMessage
					if ok, err := d.element(raw, &m, "messages", i, c); !ok {
						return err
					}
					telegramMessage(&m, chatID, c)
					return nil
				})
			}
			return errSkip
		})
	}
	if err := chat(""); err != nil {
		return err
	}
	if !found {
		return perr(name, 0, "no messages: want Telegram Desktop's result.json (a chat with messages, or chats.list)")
	}
	return nil
}

func telegramMessage(m *tgMessage, chatID string, c *collector) {
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
	item := chatID + "/" + string(m.ID)
	switch {
	case m.ForwardedFromID != "":
		c.add(from, item, string(m.ForwardedFromID), Share, t)
		if c.keepContent {
			text, links := m.content()
			c.setContent(text, links...)
		}
		return
	case m.ForwardedFrom != nil:
		c.skip(SkipNoID) // forwarded from a display name only
		return
	}
	c.post(from, item, t)
	if c.keepContent {
		text, links := m.content()
		c.setContent(text, links...)
	}
	if m.ReplyTo != "" {
		if m.ReplyToPeer != "" {
			c.skip(SkipUnresolvedParent) // a reply to another chat
		} else {
			c.addParent(from, chatID+"/"+string(m.ReplyTo), "", Reply, t)
		}
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
