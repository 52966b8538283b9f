#ifndef CFUZZER_H
#define CFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry point for a program with a main of its own (libFuzzer ships it since LLVM 11): runs the fuzzing loop
/// with the command line's libFuzzer options, calling `callback` with each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
