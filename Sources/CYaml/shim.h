#ifndef CYAML_SHIM_H
#define CYAML_SHIM_H
#if __has_include(<yaml.h>)
#include <yaml.h>
#else
#error "libyaml is missing; the generator needs it: apt-get install libyaml-dev (Debian, Ubuntu) or brew install libyaml (macOS). The generated client modules do not."
#endif
#endif
