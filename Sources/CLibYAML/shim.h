#ifndef HARBORMASTER_CLIBYAML_SHIM_H
#define HARBORMASTER_CLIBYAML_SHIM_H

// libyaml is plain C functions and enums: nothing needs wrapping.
#include <yaml.h>

#endif
