import { CloseButton, Table, Text, TextInput } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import { displayUdi, duplicateLines } from './lib';

export const MAX_LABELS = 200;

interface Notice {
  readonly tone: 'ok' | 'warning';
  readonly text: string;
}

/**
 * The scanning field and its list. A barcode scanner types the label into the focused field and
 * ends with Enter: Enter adds the code to the list, clears the field and leaves the focus there
 * for the next label. A label scanned twice is kept but flagged (two bulk units can share one
 * label; the same implant cannot), so the person decides.
 */
export function UdiScanner({
  codes,
  onChange,
  rowErrors = {},
}: {
  codes: readonly string[];
  onChange: (codes: string[]) => void;
  /** The API's message per line (0-based) after a refused receipt. */
  rowErrors?: Record<number, string>;
}) {
  const [value, setValue] = useState('');
  const [notice, setNotice] = useState<Notice | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const duplicates = duplicateLines(codes);

  const add = () => {
    // Only whitespace around the label is noise; a GS (FNC1) inside it is part of the code.
    const code = value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (code === '') return;
    if (codes.length >= MAX_LABELS) {
      setNotice({
        tone: 'warning',
        text: `At most ${MAX_LABELS} labels per receipt: receive these first.`,
      });
      return;
    }
    const earlier = codes.indexOf(code);
    const line = codes.length + 1;
    onChange([...codes, code]);
    setValue('');
    setNotice(
      earlier === -1
        ? { tone: 'ok', text: `Line ${line} added.` }
        : {
            tone: 'warning',
            text: `Line ${line} is the same label as line ${earlier + 1}. Remove it unless two units carry this label.`,
          },
    );
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };

  const remove = (index: number) => {
    onChange(codes.filter((_, i) => i !== index));
    setNotice({ tone: 'ok', text: `Line ${index + 1} removed.` });
    input.current?.focus();
  };

  return (
    <>
      <TextInput
        ref={input}
        label="Scan or type a UDI"
        description="Scan each label: the scanner's Enter adds it to the list below."
        placeholder="(01)00884521112349(17)270630(10)LOT123(21)SN0001"
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        autoFocus
        autoComplete="off"
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Text
        role="status"
        size="sm"
        mt={4}
        mih="1.5em"
        c={notice?.tone === 'warning' ? 'red.9' : 'dimmed'}
      >
        {notice?.text ?? ''}
      </Text>
      {codes.length === 0 ? (
        <Text c="dimmed" py="sm">
          No label scanned yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Scanned UDIs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>Line</Table.Th>
                <Table.Th>UDI</Table.Th>
                <Table.Th>Check</Table.Th>
                <Table.Th w={80}>Remove</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {codes.map((code, i) => {
                const duplicateOf = duplicates[i];
                const error = rowErrors[i];
                return (
                  <Table.Tr key={`${i}:${code}`}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {displayUdi(code)}
                    </Table.Td>
                    <Table.Td>
                      {error !== undefined && (
                        <Text size="sm" c="red.9">
                          {error}
                        </Text>
                      )}
                      {duplicateOf !== null && duplicateOf !== undefined && (
                        <Text size="sm" fw={600} c="red.9">
                          Duplicate of line {duplicateOf}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <CloseButton aria-label={`Remove line ${i + 1}`} onClick={() => remove(i)} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
