import { ConnectError, type Json } from '../api.ts';
import { parseFlags, str } from '../flags.ts';
import { connectMessage, report, req, type Ctx } from '../out.ts';
import { compileTemplate } from '../template.ts';

export const CLIENT = { version: '28.2.2', api: '1.50', go: 'go1.24.3', commit: 'e6534b4', built: 'Fri May 30 12:07:26 2025' };

/** `docker version`: the client block, then the server's components (or the connection error). */
export async function version(ctx: Ctx, argv: string[]): Promise<number> {
  const p = parseFlags(argv, [{ long: 'format', short: 'f', kind: 'string' }, { long: 'help', kind: 'bool' }]);
  const client = `Client:\n Version:           ${CLIENT.version}\n API version:       ${CLIENT.api}\n Go version:        ${CLIENT.go}\n Git commit:        ${CLIENT.commit}\n Built:             ${CLIENT.built}\n OS/Arch:           linux/amd64\n Context:           default\n`;
  let v: Record<string, Json>;
  try {
    v = ctx.api().version();
  } catch (e) {
    if (!(e instanceof ConnectError)) throw e;
    if (!str(p, 'format')) await ctx.proc.out(client);
    await ctx.proc.err(`${connectMessage(e, req('GET', '/version'))}\n`);
    return 1;
  }
  const fmt = str(p, 'format');
  if (fmt) {
    await ctx.proc.out(`${compileTemplate(fmt)({ Client: { Version: CLIENT.version, ApiVersion: CLIENT.api, GoVersion: CLIENT.go, GitCommit: CLIENT.commit, Os: 'linux', Arch: 'amd64' }, Server: v })}\n`);
    return 0;
  }
  const comps = v.Components as Array<{ Name: string; Version: string; Details: Record<string, string> }>;
  let s = `${client}\nServer: ${(v.Platform as { Name: string }).Name}\n`;
  for (const c of comps) {
    if (c.Name === 'Engine') {
      const d = c.Details;
      s += ` Engine:\n  Version:          ${c.Version}\n  API version:      ${d.ApiVersion} (minimum version ${d.MinAPIVersion})\n  Go version:       ${d.GoVersion}\n  Git commit:       ${d.GitCommit}\n  Built:            ${CLIENT.built}\n  OS/Arch:          ${d.Os}/${d.Arch}\n  Experimental:     ${d.Experimental}\n`;
    } else {
      s += ` ${c.Name}:\n  Version:          ${c.Version}\n  GitCommit:        ${c.Details.GitCommit}\n`;
    }
  }
  await ctx.proc.out(s);
  return 0;
}

/** `docker info`: client plugins, then the daemon's view of itself. */
export async function info(ctx: Ctx, argv: string[]): Promise<number> {
  const p = parseFlags(argv, [{ long: 'format', short: 'f', kind: 'string' }, { long: 'help', kind: 'bool' }]);
  const client = 'Client:\n Version:    28.2.2\n Context:    default\n Debug Mode: false\n\n';
  let i: Record<string, Json>;
  try {
    i = ctx.api().info();
  } catch (e) {
    if (!(e instanceof ConnectError)) return report(ctx, 'info', e);
    await ctx.proc.out(`${client}Server:\n`);
    await ctx.proc.err(`ERROR: ${connectMessage(e, req('GET', '/info'))}\nerrors pretty printing info\n`);
    return 1;
  }
  const fmt = str(p, 'format');
  if (fmt) { await ctx.proc.out(`${compileTemplate(fmt)(i)}\n`); return 0; }
  const ds = (i.DriverStatus as string[][]).map(([k, v]) => `  ${k}: ${v}\n`).join('');
  const plugins = i.Plugins as Record<string, string[]>;
  await ctx.proc.out(`${client}Server:
 Containers: ${i.Containers}
  Running: ${i.ContainersRunning}
  Paused: ${i.ContainersPaused}
  Stopped: ${i.ContainersStopped}
 Images: ${i.Images}
 Server Version: ${i.ServerVersion}
 Storage Driver: ${i.Driver}
${ds} Logging Driver: ${i.LoggingDriver}
 Cgroup Driver: ${i.CgroupDriver}
 Cgroup Version: ${i.CgroupVersion}
 Plugins:
  Volume: ${plugins.Volume.join(' ')}
  Network: ${plugins.Network.join(' ')}
  Log: ${plugins.Log.join(' ')}
 Swarm: inactive
 Runtimes: io.containerd.runc.v2 runc
 Default Runtime: runc
 Init Binary: docker-init
 containerd version: ${(i.ContainerdCommit as { ID: string }).ID}
 runc version: ${(i.RuncCommit as { ID: string }).ID}
 init version: de40ad0
 Security Options:
  seccomp
   Profile: builtin
 Kernel Version: ${i.KernelVersion}
 Operating System: ${i.OperatingSystem}
 OSType: ${i.OSType}
 Architecture: ${i.Architecture}
 CPUs: ${i.NCPU}
 Total Memory: 7.667GiB
 Name: ${i.Name}
 ID: ${i.ID}
 Docker Root Dir: ${i.DockerRootDir}
 Debug Mode: false
 Experimental: false
 Insecure Registries:
  ::1/128
  127.0.0.0/8
 Live Restore Enabled: false

`);
  return 0;
}
