import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** A run of a message's text, bold or not. */
export interface TextPart {
  readonly text: string;
  readonly strong: boolean;
}

/**
 * A translated sentence split where it marks bold words with `<strong>…</strong>`, so a page can
 * show them bold wherever the language puts them ("You are joining <strong>{household}</strong>.").
 * The parts are shown as text, never as HTML: a name with markup in it stays text.
 */
export function strongParts(message: string): TextPart[] {
  return message
    .split(/<\/?strong>/)
    .map((text, i) => ({ text, strong: i % 2 === 1 }))
    .filter((part) => part.text !== '');
}

/**
 * Shows a translated sentence with its `<strong>` words bold (as text, inline, no extra spaces),
 * each bold run isolated for direction, so a user-typed name next to punctuation stays readable
 * in right-to-left text.
 */
@Component({
  selector: 'app-strong-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@for (part of parts(); track $index) {@if (part.strong) {<strong>{{ part.text }}</strong>} @else {<span>{{ part.text }}</span>}}`,
  // A bold name keeps its own direction inside a sentence of the other (a Latin name in Hebrew).
  styles: `:host { display: inline; } strong { unicode-bidi: isolate; }`,
})
export class StrongText {
  readonly text = input.required<string>();
  protected readonly parts = computed(() => strongParts(this.text()));
}
