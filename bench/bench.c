/*
 * bench.c - atrack-bench: measures what atrack costs over SQLite itself.
 * Each scenario (scenarios.c) times atrack doing some work and a
 * hand-written plain-SQLite program doing the same rows in the same schema,
 * interleaved so that machine noise hits both, and prints one aligned row
 * per measurement: both times, their ratio against the target, the ratio
 * against a bare insert where there is one, and atrack's peak memory. Each
 * scenario runs in its own child process, so its peak memory is its own.
 *
 *   atrack-bench [--scenario N] [--updates N] [--initiatives N] [--sheets N]
 *                [--parse-runs N] [--reps N] [--dir PATH] [--seed N]
 */
#include "bench.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

bench_opts opt = {
	.updates = 100000,
	.initiatives = 10000,
	.sheets = 300,
	.parse_runs = 10000,
	.reps = 9,
	.dir = "bench-work",
	.seed = 56,
};

/* The scenarios, in scenarios.c. */
void scenario_parse(void);
void scenario_import(void);
void scenario_log_updates(void);
void scenario_update_process(void);
void scenario_report(void);
void scenario_as_of(void);
void scenario_search(void);
void scenario_growth(void);
void scenario_check(void);
void scenario_big_sheet(void);

static const struct scenario {
	int number;
	void (*run)(void);
	const char *summary;
} SCENARIOS[] = {
	{ 1, scenario_parse, "parse fact sheets (parser alone)" },
	{ 2, scenario_import, "import generated fact sheets into one database" },
	{ 3, scenario_log_updates, "log progress updates in batches of 10,000" },
	{ 4, scenario_update_process, "one `atrack update add` process" },
	{ 5, scenario_report, "status board and full report" },
	{ 6, scenario_as_of, "--as-of report" },
	{ 7, scenario_search, "search update notes" },
	{ 8, scenario_growth, "growth with the history" },
	{ 9, scenario_check, "atrack check, linear in the history" },
	{ 10, scenario_big_sheet, "import one sheet of the largest size, linear in the text" },
};

/* ---- Probes -------------------------------------------------------------- */

void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "atrack-bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(3);
}

void check_atrack(atrack_db *db, int rc, const char *what)
{
	if (rc != ATRACK_OK)
		die("%s: %s (%s)", what, atrack_errmsg(db), atrack_errstr(rc));
}

double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Linux resets the peak ("VmHWM") when "5" is written to clear_refs; where
 * that fails the peak is the process's since it started (getrusage). */
void mem_reset(void)
{
	FILE *f = fopen("/proc/self/clear_refs", "w");
	if (f) {
		fputs("5", f);
		fclose(f);
	}
}

long mem_peak_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	if (kb < 0) {
		struct rusage ru;
		getrusage(RUSAGE_SELF, &ru);
		kb = ru.ru_maxrss;
	}
	return kb;
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, compare_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- The table ----------------------------------------------------------- */

static bool missed;

static void format_time(char *buf, size_t cap, double s)
{
	if (s < 0)
		snprintf(buf, cap, "-");
	else if (s >= 1)
		snprintf(buf, cap, "%.2f s", s);
	else if (s >= 1e-3)
		snprintf(buf, cap, "%.2f ms", s * 1e3);
	else
		snprintf(buf, cap, "%.1f us", s * 1e6);
}

static void format_value(char *buf, size_t cap, double v, const char *unit)
{
	if (v < 0)
		snprintf(buf, cap, "-");
	else if (unit)
		snprintf(buf, cap, "%.1f %s", v, unit);
	else
		format_time(buf, cap, v);
}

static void print_header(void)
{
	printf("%-50s %12s %12s %7s %7s %-4s %9s %9s\n", "scenario", "atrack", "plain SQLite",
	       "ratio", "target", "", "vs bare", "peak RSS");
	printf("%-50s %12s %12s %7s %7s %-4s %9s %9s\n",
	       "--------------------------------------------------", "------------",
	       "------------", "-------", "-------", "----", "---------", "---------");
}

void row_print(const bench_row *r)
{
	char a[32], p[32], ratio[16] = "-", target[16] = "-", bare[16] = "-", peak[16] = "-";
	const char *verdict = "";
	format_value(a, sizeof a, r->atrack, r->unit);
	format_value(p, sizeof p, r->plain, r->unit);
	if (!r->unit && r->atrack > 0 && r->plain > 0)
		snprintf(ratio, sizeof ratio, "%.2f", r->atrack / r->plain);
	if (r->target > 0) {
		snprintf(target, sizeof target, "<=%.1f", r->target);
		bool ok = r->atrack > 0 && r->plain > 0 && r->atrack / r->plain <= r->target;
		verdict = ok ? "ok" : "MISS";
		missed |= !ok;
	}
	if (r->bare > 0 && r->atrack > 0)
		snprintf(bare, sizeof bare, "%.2f", r->atrack / r->bare);
	if (r->peak_kb >= 0)
		snprintf(peak, sizeof peak, "%.1f MB", (double)r->peak_kb / 1024.0);
	printf("%-50s %12s %12s %7s %7s %-4s %9s %9s\n", r->name, a, p, ratio, target, verdict,
	       bare, peak);
	if (r->note)
		printf("    %s\n", r->note);
	fflush(stdout);
}

void mark_missed(void)
{
	missed = true;
}

void row_pending(const char *name, const char *why)
{
	printf("%-50s %12s %12s %7s %7s %-4s %9s %9s\n    %s\n", name, "pending", "-", "-", "-",
	       "", "-", "-", why);
	fflush(stdout);
}

/* ---- Running ------------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: atrack-bench [--scenario N] [--updates N] [--initiatives N] [--sheets N]\n"
	        "                    [--parse-runs N] [--reps N] [--dir PATH] [--seed N]\n\n"
	        "Measure atrack against plain SQLite doing the same rows in the same schema.\n"
	        "Defaults: --updates %ld --initiatives %ld --sheets %ld --parse-runs %ld\n"
	        "          --reps %ld --dir %s (databases are kept there between runs)\n\n"
	        "scenarios:\n", opt.updates, opt.initiatives, opt.sheets, opt.parse_runs,
	        opt.reps, opt.dir);
	for (size_t i = 0; i < sizeof SCENARIOS / sizeof SCENARIOS[0]; i++)
		fprintf(f, "  %d  %s\n", SCENARIOS[i].number, SCENARIOS[i].summary);
}

static long number_arg(const char *name, const char *value)
{
	char *end;
	errno = 0;
	long v = value ? strtol(value, &end, 10) : 0;
	if (!value || errno || *end || v <= 0) {
		fprintf(stderr, "atrack-bench: %s: expected a positive number\n", name);
		exit(2);
	}
	return v;
}

/* Run one scenario in a child process; true when it met its targets. */
static bool run_scenario(const struct scenario *s)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		s->run();
		fflush(stdout);
		_exit(missed ? 1 : 0);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) <= 1)
		return WEXITSTATUS(status) == 0;
	printf("    scenario %d failed (%s %d)\n", s->number,
	       WIFEXITED(status) ? "exit status" : "signal",
	       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return false;
}

int main(int argc, char **argv)
{
	int only = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--scenario")) {
			only = (int)number_arg(a, v), i++;
		} else if (!strcmp(a, "--updates")) {
			opt.updates = number_arg(a, v), i++;
		} else if (!strcmp(a, "--initiatives")) {
			opt.initiatives = number_arg(a, v), i++;
		} else if (!strcmp(a, "--sheets")) {
			opt.sheets = number_arg(a, v), i++;
		} else if (!strcmp(a, "--parse-runs")) {
			opt.parse_runs = number_arg(a, v), i++;
		} else if (!strcmp(a, "--reps")) {
			opt.reps = number_arg(a, v), i++;
		} else if (!strcmp(a, "--seed")) {
			opt.seed = (uint64_t)number_arg(a, v), i++;
		} else if (!strcmp(a, "--dir") && v) {
			opt.dir = v, i++;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (mkdir(opt.dir, 0700) != 0 && errno != EEXIST)
		die("cannot create %s: %s", opt.dir, strerror(errno));

	printf("atrack %s, SQLite %s; updates %ld, initiatives %ld, sheets %ld, "
	       "parse runs %ld, reps %ld\n\n", atrack_libversion(), sqlite3_libversion(),
	       opt.updates, opt.initiatives, opt.sheets, opt.parse_runs, opt.reps);
	print_header();
	bool all_ok = true;
	double start = now_s();
	for (size_t i = 0; i < sizeof SCENARIOS / sizeof SCENARIOS[0]; i++)
		if (!only || SCENARIOS[i].number == only)
			all_ok &= run_scenario(&SCENARIOS[i]);
	printf("\n%s in %.1f s\n", all_ok ? "all targets met" : "some targets MISSED",
	       now_s() - start);
	return all_ok ? 0 : 1;
}
