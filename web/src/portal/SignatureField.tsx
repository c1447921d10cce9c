import { Button, Group, Stack, Text } from '@mantine/core';
import SignaturePad from 'signature_pad';
import { useEffect, useId, useRef, useState } from 'react';

/** At most twice the CSS pixels: sharp on a phone, and the image stays small. */
const MAX_RATIO = 2;
const HEIGHT = 180;

/** The typed name in a handwriting-like system font, as large as fits the box. */
export function typedSignatureImage(name: string, width: number, height: number): string {
  const canvas = document.createElement('canvas');
  canvas.width = width * MAX_RATIO;
  canvas.height = height * MAX_RATIO;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return '';
  ctx.scale(MAX_RATIO, MAX_RATIO);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  let size = 48;
  const font = (px: number) =>
    `italic ${px}px "Segoe Script", "Snell Roundhand", "Brush Script MT", cursive`;
  ctx.font = font(size);
  while (size > 14 && ctx.measureText(name).width > width - 32) {
    size -= 2;
    ctx.font = font(size);
  }
  ctx.fillStyle = '#111';
  ctx.textBaseline = 'middle';
  ctx.fillText(name, 16, height / 2);
  return canvas.toDataURL('image/png');
}

/**
 * The drawn signature (signature_pad on a canvas: a finger, a pen or the mouse), answered as a
 * PNG data URL, or null when empty. Someone who cannot draw (keyboard only, a screen reader) uses
 * "Use my typed name as my signature": the typed name is drawn into the box as the image
 * (docs/patient-portal-web.md).
 */
export function SignatureField({
  typedName,
  onChange,
  error,
}: {
  typedName: string;
  onChange: (image: string | null) => void;
  error?: string | null;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const padRef = useRef<SignaturePad | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const helpId = useId();
  const [hint, setHint] = useState<string | null>(null);
  const errorId = useId();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    const pad = new SignaturePad(canvas, {
      backgroundColor: 'rgb(255, 255, 255)',
      penColor: '#111',
    });
    padRef.current = pad;
    let width = 0;
    const fit = () => {
      if (canvas.offsetWidth === width) return;
      width = canvas.offsetWidth;
      const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), MAX_RATIO);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')?.scale(ratio, ratio);
      // The strokes (or the typed name) drawn so far, drawn again at the new size.
      pad.redraw();
    };
    fit();
    const changed = () => onChangeRef.current(pad.isEmpty() ? null : pad.toDataURL('image/png'));
    pad.addEventListener('endStroke', changed);
    window.addEventListener('resize', fit);
    return () => {
      window.removeEventListener('resize', fit);
      pad.removeEventListener('endStroke', changed);
      pad.off();
      padRef.current = null;
    };
  }, []);

  const clear = () => {
    padRef.current?.clear();
    onChange(null);
  };

  const signWithTypedName = async () => {
    const pad = padRef.current;
    const canvas = canvasRef.current;
    if (pad === null || canvas === null) return;
    if (typedName.trim() === '') {
      setHint('Type your full name in the field above first.');
      return;
    }
    setHint(null);
    const image = typedSignatureImage(typedName.trim(), canvas.offsetWidth, canvas.offsetHeight);
    pad.clear();
    await pad.fromDataURL(image, { width: canvas.offsetWidth, height: canvas.offsetHeight });
    onChange(pad.toDataURL('image/png'));
  };

  return (
    <Stack gap="xs">
      <Text fw={600} component="p" m={0} id={`${helpId}-label`}>
        Your signature
      </Text>
      <Text size="sm" c="dimmed" id={helpId} m={0}>
        Sign in the box with your finger or the mouse. Can’t draw? Type your full name above, then
        choose “Use my typed name as my signature”.
      </Text>
      <canvas
        ref={canvasRef}
        className="portal-signature"
        style={{ height: HEIGHT }}
        role="img"
        aria-labelledby={`${helpId}-label`}
        aria-describedby={error ? `${helpId} ${errorId}` : helpId}
        data-testid="signature-pad"
      />
      {error && (
        <Text size="sm" c="red.9" id={errorId}>
          {error}
        </Text>
      )}
      <Group gap="sm">
        <Button variant="default" onClick={clear}>
          Clear
        </Button>
        <Button variant="default" onClick={() => void signWithTypedName()}>
          Use my typed name as my signature
        </Button>
      </Group>
      {hint !== null && (
        <Text size="sm" c="red.9" role="alert">
          {hint}
        </Text>
      )}
    </Stack>
  );
}
