/* math.h of the test libc (tests/port/libc): see stdio.h. */
#ifndef PORT_MATH_H
#define PORT_MATH_H
#define HUGE_VAL (__builtin_huge_val())
#define NAN (__builtin_nanf(""))
#define isnan(x) __builtin_isnan(x)
double sqrt(double x);
double log(double x);
double fabs(double x);
#endif
