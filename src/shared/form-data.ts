// Reading submitted forms.

/** A text field's value from submitted form data: '' when the form has no such field (or it is a file). */
export function fieldText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}
