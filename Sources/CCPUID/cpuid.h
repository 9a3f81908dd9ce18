// The CPUID leaves and XCR0 register that say which instructions this process may run.
// Read directly (not from /proc/cpuinfo), so that an emulator or valgrind, which hides
// instruction sets it cannot run, is believed; OpenBLAS detects the same way.
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

typedef struct {
    unsigned int maxLeaf, vendor[3];
    unsigned int leaf1Eax, leaf1Ecx, leaf1Edx;
    unsigned int leaf7Ebx, leaf7Ecx, leaf7Edx, leaf7Subleaf1Eax;
    unsigned long long xcr0;
    char brand[49];
} backprop_cpuid;

static inline backprop_cpuid backprop_read_cpuid(void) {
    backprop_cpuid result = {0};
    unsigned int a, b, c, d;
    if (!__get_cpuid(0, &a, &b, &c, &d)) return result;
    result.maxLeaf = a;
    result.vendor[0] = b; result.vendor[1] = d; result.vendor[2] = c;
    if (__get_cpuid(1, &a, &b, &c, &d)) { result.leaf1Eax = a; result.leaf1Ecx = c; result.leaf1Edx = d; }
    if (result.maxLeaf >= 7 && __get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        result.leaf7Ebx = b; result.leaf7Ecx = c; result.leaf7Edx = d;
        if (a >= 1 && __get_cpuid_count(7, 1, &a, &b, &c, &d)) result.leaf7Subleaf1Eax = a;
    }
    // XGETBV only when the OS has enabled it (OSXSAVE, leaf 1 ECX bit 27).
    if (result.leaf1Ecx & (1u << 27)) {
        unsigned int low, high;
        __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
        result.xcr0 = ((unsigned long long)high << 32) | low;
    }
    if (__get_cpuid(0x80000000, &a, &b, &c, &d) && a >= 0x80000004) {
        unsigned int *words = (unsigned int *)result.brand;
        for (unsigned int leaf = 0; leaf < 3; leaf++) {
            __get_cpuid(0x80000002 + leaf, &words[4 * leaf], &words[4 * leaf + 1], &words[4 * leaf + 2], &words[4 * leaf + 3]);
        }
        result.brand[48] = 0;
    }
    return result;
}
#endif
