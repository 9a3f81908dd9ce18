// Counts heap allocations of the test process, so a test can prove that a loop allocates
// nothing. See AllocationCounter.c for how.
#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

/// malloc + calloc + realloc calls since the process started, from every thread.
long allocation_counter_total(void);

#endif
