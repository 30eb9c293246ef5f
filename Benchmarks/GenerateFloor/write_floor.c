// The floor of writing a generated module: creates the files a manifest
// lists (one "SIZE PATH" per line, paths relative to the output folder),
// each with SIZE bytes, and their folders, with plain system calls, as the
// generator writes its files. The bytes are made in memory, so what is timed
// is the writing (plus the start of a C process, which
// Benchmarks/generate-speed subtracts).
//
//   write_floor MANIFEST OUTPUT
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// mkdir -p for the folders of `relative` inside `root`, each made once.
static void make_parents(const char *root, const char *relative) {
    static char made[64][4096];
    static int count = 0;
    char folder[8192];
    for (const char *slash = strchr(relative, '/'); slash; slash = strchr(slash + 1, '/')) {
        int length = (int)(slash - relative);
        int seen = 0;
        for (int i = 0; i < count && !seen; i++) seen = strncmp(made[i], relative, length) == 0 && made[i][length] == 0;
        if (seen) continue;
        snprintf(folder, sizeof folder, "%s/%.*s", root, length, relative);
        if (mkdir(folder, 0755) != 0 && errno != EEXIST) { perror(folder); exit(1); }
        if (count < 64) { snprintf(made[count++], sizeof made[0], "%.*s", length, relative); }
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: write_floor MANIFEST OUTPUT\n"); return 2; }
    FILE *manifest = fopen(argv[1], "r");
    if (!manifest) { perror(argv[1]); return 1; }
    // Files larger than this are written in pieces of it.
    static char buffer[1 << 16];
    memset(buffer, 'x', sizeof buffer);
    char relative[4096], path[8192];
    long size;
    while (fscanf(manifest, "%ld %4095s", &size, relative) == 2) {
        if (size < 0) { fprintf(stderr, "bad size for %s\n", relative); return 1; }
        snprintf(path, sizeof path, "%s/%s", argv[2], relative);
        make_parents(argv[2], relative);
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) { perror(path); return 1; }
        for (long done = 0; done < size;) {
            long piece = size - done < (long)sizeof buffer ? size - done : (long)sizeof buffer;
            ssize_t n = write(fd, buffer, piece);
            if (n < 0) { perror(path); return 1; }
            done += n;
        }
        close(fd);
    }
    fclose(manifest);
    return 0;
}
