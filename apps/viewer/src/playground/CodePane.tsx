/**
 * The code pane: a CodeMirror 6 editor with its Python mode, showing the line the
 * current step is about to run. The editor owns the text; the page reads it through
 * `onChange` and moves the step line with `stepLine`.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { defaultHighlightStyle, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { EditorState, type Extension, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, keymap, lineNumbers } from '@codemirror/view';
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

const setStepLine = StateEffect.define<number | null>();

/** The step's line, as a line decoration (null: no step shown). */
const stepLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, transaction) {
    let next = decorations.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(setStepLine)) continue;
      const line = effect.value;
      const doc = transaction.state.doc;
      next =
        line === null || line < 1 || line > doc.lines
          ? Decoration.none
          : Decoration.set([Decoration.line({ class: 'cm-step-line' }).range(doc.line(line).from)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** Props of {@link CodePane}. */
export interface CodePaneProps {
  /** The text the editor starts with (and is reset to when this changes). */
  readonly initial: string;
  /** The line the current step is about to run, or null. */
  readonly stepLine: number | null;
  /** Called with the whole text on every edit. */
  readonly onChange: (text: string) => void;
}

/** The editor. */
export function CodePane({ initial, stepLine, onChange }: CodePaneProps): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const extensions: Extension[] = [
      lineNumbers(),
      history(),
      indentUnit.of('    '),
      keymap.of([indentWithTab, ...defaultKeymap, ...historyKeymap]),
      python(),
      syntaxHighlighting(defaultHighlightStyle),
      stepLineField,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) changed.current(update.state.doc.toString());
      }),
    ];
    const editor = new EditorView({
      state: EditorState.create({ doc: initial, extensions }),
      parent: host.current!,
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [initial]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const effects: StateEffect<unknown>[] = [setStepLine.of(stepLine)];
    if (stepLine !== null && stepLine <= editor.state.doc.lines)
      effects.push(
        EditorView.scrollIntoView(editor.state.doc.line(stepLine).from, { y: 'nearest' }),
      );
    editor.dispatch({ effects });
  }, [stepLine, initial]);

  return <div class="code-pane" data-testid="code-pane" ref={host} />;
}
