// SPDX-License-Identifier: GPL-2.0-only
/*
 * make bench's peak-RSS probe, loaded with LD_PRELOAD: as each process
 * exits, one line "NAME PEAK_KIB" is appended to $BENCH_RSS_FILE (NAME
 * from /proc/self/comm, PEAK from getrusage(RUSAGE_SELF): the process
 * alone, not its children).  GNU time's %M cannot tell the driver from
 * the spatch processes it waits for: it reports the largest of them.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

__attribute__((destructor)) static void bench_rss(void)
{
	const char *path = getenv("BENCH_RSS_FILE");
	char comm[64] = "?";
	struct rusage ru;
	FILE *fp;

	if (!path || getrusage(RUSAGE_SELF, &ru))
		return;
	fp = fopen("/proc/self/comm", "r");
	if (fp) {
		if (fgets(comm, sizeof(comm), fp))
			comm[strcspn(comm, "\n")] = '\0';
		fclose(fp);
	}
	fp = fopen(path, "a");
	if (!fp)
		return;
	fprintf(fp, "%s %ld\n", comm, ru.ru_maxrss);
	fclose(fp);
}
