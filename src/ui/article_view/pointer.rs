//! The pointer and the keyboard in the article: which character is under the pointer, clicks
//! (caret, select a claim), drags (a selection) and Shift+arrows (extend it by a word).

use super::*;

impl ArticleView {
    /// Moves the selection's free end one word right or left (Shift+arrows), starting at the
    /// caret, else at `from` (the selected claim's start), so a claim can be made from a
    /// selection without the mouse.
    pub fn extend_selection(&mut self, text: &str, from: Option<usize>, forward: bool) {
        let (anchor, head) = self.selection.unwrap_or_else(|| {
            let at = self.caret.or(from).unwrap_or(0);
            (at, at)
        });
        let Some(byte) = self.byte_of(text, head) else {
            return;
        };
        // A word: the run of non-space characters next to the head, with the spaces before it.
        let step = if forward {
            let mut chars = text[byte..].chars().peekable();
            let mut n = 0;
            while chars.next_if(|c| c.is_whitespace()).is_some() {
                n += 1;
            }
            while chars.next_if(|c| !c.is_whitespace()).is_some() {
                n += 1;
            }
            n as isize
        } else {
            let mut chars = text[..byte].chars().rev().peekable();
            let mut n = 0;
            while chars.next_if(|c| c.is_whitespace()).is_some() {
                n += 1;
            }
            while chars.next_if(|c| !c.is_whitespace()).is_some() {
                n += 1;
            }
            -(n as isize)
        };
        let head = head.saturating_add_signed(step);
        self.selection = Some((anchor, head));
    }

    /// The byte offset of character `at`, found within its paragraph (no pass over the text).
    pub(super) fn byte_of(&self, text: &str, at: usize) -> Option<usize> {
        let para = self.paragraphs.get(self.paragraph_of(at))?;
        let within = at.checked_sub(para.chars.start)?;
        let body = text.get(para.bytes.clone())?;
        Some(
            para.bytes.start
                + body
                    .char_indices()
                    .nth(within)
                    .map_or(body.len(), |(b, _)| b),
        )
    }

    /// Where character `at` of the article was drawn last frame (its left edge, mid-line), if
    /// its paragraph was laid out. Tests click there.
    pub fn screen_pos(&self, at: usize) -> Option<Pos2> {
        let i = self.paragraph_of(at);
        let (_, _, galley) = self.galleys.get(i)?.as_ref()?;
        let local = at.checked_sub(self.paragraphs[i].chars.start)?;
        let r = galley.pos_from_cursor(egui::text::CCursor::new(local));
        let pos = self.content_min
            + Vec2::new(GUTTER, self.tops[i])
            + r.left_center().to_vec2()
            + Vec2::new(1.0, 0.0);
        self.visible?.contains(pos).then_some(pos)
    }

    pub(super) fn hit_char(&self, content_min: Pos2, pos: Pos2) -> Option<usize> {
        let y = pos.y - content_min.y;
        let i = self.tops.partition_point(|&t| t <= y).checked_sub(1)?;
        let (_, _, galley) = self.galleys.get(i)?.as_ref()?;
        let local = pos - (content_min + Vec2::new(GUTTER, self.tops[i]));
        let cursor = galley.cursor_from_pos(local);
        Some(self.paragraphs[i].chars.start + cursor.index.0.min(self.paragraphs[i].chars.len()))
    }

    pub(super) fn handle_pointer(
        &mut self,
        response: &egui::Response,
        content_min: Pos2,
        p: &Project,
        out: &mut ArticleOutput,
    ) {
        let pointer = response.interact_pointer_pos();
        if response.drag_started() {
            // egui reports a drag once the pointer has moved a little: anchor where it was pressed.
            let origin = response.ctx.input(|i| i.pointer.press_origin()).or(pointer);
            self.drag_anchor = origin.and_then(|pos| self.hit_char(content_min, pos));
        }
        if response.dragged()
            && let (Some(anchor), Some(head)) = (
                self.drag_anchor,
                pointer.and_then(|pos| self.hit_char(content_min, pos)),
            )
        {
            self.selection = Some((anchor, head));
        }
        if response.clicked()
            && let Some(at) = pointer.and_then(|pos| self.hit_char(content_min, pos))
        {
            self.caret = Some(at);
            self.selection = None;
            out.select = claim_at(p, at).map(|c| c.id.clone());
        }
    }
}
