import { main } from '@pymem/cli';

/** Runs `pymem argv…` in-process and captures what it printed. */
export async function runCli(
  argv: string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    color: false,
  });
  return { status, stdout, stderr };
}
