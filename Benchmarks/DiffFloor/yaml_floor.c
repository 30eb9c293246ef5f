/*
 * The floor of `diff` on this machine: libyaml's own parser run over each
 * file named on the command line, event by event (yaml_parser_parse), as
 * ideogram-codegen's reader runs it, and nothing else: no tree, no document,
 * no comparison. Prints the number of events read, so that the work cannot
 * be optimized away. Benchmarks/diff-speed builds and times it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

static long parse(const char *path) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(2); }
    yaml_parser_t parser;
    yaml_event_t event;
    long events = 0;
    if (!yaml_parser_initialize(&parser)) { fprintf(stderr, "cannot start libyaml\n"); exit(2); }
    yaml_parser_set_input_file(&parser, file);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s: %s at line %lu\n", path, parser.problem, (unsigned long)parser.problem_mark.line + 1);
            exit(1);
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    fclose(file);
    return events;
}

int main(int argc, char **argv) {
    long events = 0;
    for (int i = 1; i < argc; i++) events += parse(argv[i]);
    printf("%ld events\n", events);
    return 0;
}
