/** A Form marks the controls whose `name` a problem names, and only those; outside a Form nothing is marked. */
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StudioError } from '@shared/errors';
import { Field, Form, NumberField, Select, TextArea } from '../../../../src/renderer/src/components/ui';
import { TrainConfig } from '@shared/training';

const noop = () => undefined;

/** The names of the controls rendered with aria-invalid="true". */
function invalidNames(markup: string): string[] {
  return [...markup.matchAll(/<(?:input|textarea|select)\b[^>]*>/g)]
    .filter((m) => m[0].includes('aria-invalid="true"'))
    .map((m) => /name="([^"]*)"/.exec(m[0])?.[1] ?? '?');
}

function controls() {
  return [
    h(Field, { key: 'f', label: 'Folder', name: 'folder', value: '', onValue: noop }),
    h(NumberField, { key: 'n', label: 'Batch', name: 'config.batch', schema: TrainConfig.shape.batch, value: '', onValue: noop }),
    h(TextArea, { key: 't', label: 'Clips', name: 'clips', value: '', onValue: noop }),
    h(Select, { key: 's', label: 'Codec', name: 'encode.codec', options: ['h264'], value: 'h264', onValue: noop }),
  ];
}

describe('Form problems', () => {
  it("marks the control a call's VALIDATION error names, also by a part of it, and not by a group above it", () => {
    const batch = new StudioError('VALIDATION', 'config.batch: too large', 'config.batch');
    const secondClip = new StudioError('VALIDATION', 'clips.2: not a video', 'clips.2');
    const group = new StudioError('VALIDATION', 'encode: bad', 'encode');
    const markup = renderToStaticMarkup(h(Form, { onSubmit: noop, problems: [batch, secondClip, group], children: controls() }));
    expect(invalidNames(markup)).toEqual(['config.batch', 'clips']);
  });

  it("marks the form's own problem and a service's error about an argument, and ignores errors that name no field", () => {
    const own = { message: 'Pick a clip', field: 'clips' };
    const notFound = new StudioError('NOT_FOUND', 'no such folder', 'folder');
    const disk = new StudioError('IO', 'the disk is full');
    const markup = renderToStaticMarkup(h(Form, { onSubmit: noop, problems: [own, notFound, disk, 'plain words', null], children: controls() }));
    expect(invalidNames(markup)).toEqual(['folder', 'clips']);
  });

  it('marks nothing outside a Form, but keeps an explicit invalid', () => {
    expect(invalidNames(renderToStaticMarkup(h('div', null, controls())))).toEqual([]);
    expect(invalidNames(renderToStaticMarkup(h(Field, { label: 'X', name: 'x', invalid: true, value: '', onValue: noop })))).toEqual(['x']);
  });

  it('gives a number field the schema bounds, and the browser no say over validity', () => {
    const markup = renderToStaticMarkup(h(Form, { onSubmit: noop, children: controls() }));
    expect(markup).toMatch(/^<form noValidate="">/);
    expect(markup).toMatch(/<input type="number"[^>]* min="1" max="64" step="1" inputMode="numeric"[^>]*name="config.batch"/);
  });
});
