import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import * as OTPAuth from "otpauth";

export interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Milliseconds from spawn to the first 200 on `readyPath`. */
  msToFirstPage: number;
}

/** Starts Koers (node --import tsx src/main.ts) and waits until `readyPath` answers 200. */
export async function startKoers(
  env: Record<string, string>,
  readyPath = "/inloggen",
): Promise<Started> {
  const port = env.PORT ?? "3200";
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: { ...process.env, LOG_LEVEL: "warn", HOST: "127.0.0.1", PORT: port, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    out += d;
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Koers exited: ${out}`);
    try {
      const res = await fetch(`${url}${readyPath}`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  return { child, url, output: () => out, msToFirstPage: performance.now() - t0 };
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await done;
}

/** Resident set size of a process in MiB (Linux). */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : Number.NaN;
}

/** Signs in through the real forms (password, TOTP) and returns the session cookie header. */
export async function signIn(
  url: string,
  email: string,
  password: string,
  totpSecret: string,
): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const formPost = async (path: string, fields: Record<string, string>) => {
    const page = await fetch(`${url}${path}`, { headers: { cookie: cookie() } });
    keep(page);
    const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1] ?? "";
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
    });
    keep(res);
    return res;
  };
  const first = await formPost("/inloggen", { email, password });
  if (first.headers.get("location") === "/inloggen/code") {
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(totpSecret),
      digits: 6,
      period: 30,
    });
    await formPost("/inloggen/code", { code: totp.generate() });
  }
  return cookie();
}

/**
 * Reads the demo logins Koers prints on first start: staff lines end in "(TOTP secret …)", a
 * newcomer's line has none (totpSecret is then "").
 */
export function demoLogins(
  output: string,
): { role: string; email: string; password: string; totpSecret: string }[] {
  return [
    ...output.matchAll(
      /^[ \t]+(\S+)[ \t]+(\S+@\S+)[ \t]+(\S+)(?:[ \t]+\(TOTP secret (\w+)\))?[ \t]*$/gm,
    ),
  ].map((m) => ({
    role: m[1] ?? "",
    email: m[2] ?? "",
    password: m[3] ?? "",
    totpSecret: m[4] ?? "",
  }));
}
