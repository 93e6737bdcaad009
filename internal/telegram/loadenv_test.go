package telegram

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// What the load benchmark reports beside its figures: the machine, the PostgreSQL server, and
// the CPU time the test process and the PostgreSQL server spent.

// machine describes the machine: cores, CPU model, memory, load before the run.
func machine() string {
	model, mem, load := "?", "?", "?"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				mem = fmt.Sprintf("%.0f GiB", kb/(1<<20))
			}
		}
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(data))[:3], " ")
	}
	return fmt.Sprintf("%d cores (%s), %s memory, load average %s before the run", runtime.NumCPU(), model, mem, load)
}

// pgServer describes the PostgreSQL server at url and returns its postmaster's process id (0
// when it is not visible here).
func pgServer(ctx context.Context, url string) (string, int) {
	db, err := sql.Open("postgres", url)
	if err != nil {
		return "PostgreSQL ?", 0
	}
	defer db.Close()
	var version, fsync string
	var backend int
	if err := db.QueryRowContext(ctx, `SELECT current_setting('server_version'), current_setting('fsync'), pg_backend_pid()`).
		Scan(&version, &fsync, &backend); err != nil {
		return "PostgreSQL ?", 0
	}
	return fmt.Sprintf("PostgreSQL %s, fsync %s, on this machine", version, fsync), parentOf(backend)
}

// parentOf is a process's parent (0 when unknown).
func parentOf(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "PPid:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	return 0
}

// clockTick is the unit of CPU times in /proc (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// procCPU reads a process's CPU time from /proc/<pid>/stat: its own, and with children when
// set, that of its children that ended (fields 14 to 17 of proc(5)).
func procCPU(pid int, children bool) (time.Duration, int, bool) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, false
	}
	// The command name is in parentheses and may hold spaces: fields count from after it.
	s := string(data)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(f) < 15 {
		return 0, 0, false
	}
	ppid, _ := strconv.Atoi(f[1])
	var ticks int64
	last := 12 // utime, stime (fields 14 and 15)
	if children {
		last = 14 // and cutime, cstime
	}
	for i := 11; i <= last; i++ {
		n, _ := strconv.ParseInt(f[i], 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * clockTick, ppid, true
}

// serverCPU is the CPU time of a PostgreSQL server so far: the postmaster with the children
// that ended, and every live child (backends, writers, autovacuum).
func serverCPU(postmaster int) time.Duration {
	if postmaster == 0 {
		return 0
	}
	total, _, _ := procCPU(postmaster, true)
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if cpu, ppid, ok := procCPU(pid, false); ok && ppid == postmaster {
			total += cpu
		}
	}
	return total
}

// selfCPU is the CPU time of this process so far: the bot, the simulated users, the Bot API
// and the round-trip counter.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSSMB is the most memory this process has held, in MB.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.Fields(v)[0], 64)
			return kb / 1024
		}
	}
	return 0
}
