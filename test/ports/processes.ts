// What the lifetime tests need to know about other processes on this (Linux) machine: whether one still
// runs, and which processes belong to a process group.
import fs from 'node:fs';

/** Fields of /proc/<pid>/stat after the command name: state is [0], the process group is [2]. */
function statFields(pid: number): string[] | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return null;
	}
}

/** Whether a process still runs (a zombie waiting to be reaped counts as gone). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	const fields = statFields(pid);
	return fields === null || fields[0] !== 'Z';
}

/** Live (non-zombie) processes whose process group is `pgid`. */
export function groupMembers(pgid: number): number[] {
	return fs
		.readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map(Number)
		.filter((pid) => {
			const fields = statFields(pid);
			return fields !== null && fields[0] !== 'Z' && Number(fields[2]) === pgid;
		});
}

/** The process group of a running process, or null when it is gone. */
export function processGroupOf(pid: number): number | null {
	const fields = statFields(pid);
	return fields === null ? null : Number(fields[2]);
}
