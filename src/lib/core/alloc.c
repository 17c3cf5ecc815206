/*
 * alloc.c - the allocator every file of libatrack goes through, with a test
 * hook that makes the Nth allocation fail (that one only, or it and all
 * after it), and the growable string buffer
 * built on it.
 */
#include "atrack_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Allocations left before failing; negative means never fail. Only tests
 * change it, from one thread, so a plain variable is enough. */
static long allocations_until_failure = -1;
static bool fail_only_one; /* after the failure, allocations succeed again */

void atr_alloc_fail_after(long n)
{
	allocations_until_failure = n;
	fail_only_one = false;
}

void atr_alloc_fail_once(long n)
{
	allocations_until_failure = n;
	fail_only_one = true;
}

bool atr_alloc_fail_pending(void)
{
	return allocations_until_failure >= 0;
}

static bool allocation_allowed(void)
{
	if (allocations_until_failure < 0)
		return true;
	if (allocations_until_failure == 0) {
		if (fail_only_one)
			allocations_until_failure = -1;
		return false;
	}
	allocations_until_failure--;
	return true;
}

void *atr_malloc(size_t size)
{
	if (!allocation_allowed())
		return NULL;
	return malloc(size ? size : 1);
}

void *atr_calloc(size_t count, size_t size)
{
	if (!allocation_allowed())
		return NULL;
	if (count == 0 || size == 0)
		count = size = 1;
	return calloc(count, size);
}

void *atr_realloc(void *ptr, size_t size)
{
	if (!allocation_allowed())
		return NULL;
	return realloc(ptr, size ? size : 1);
}

char *atr_strndup(const char *s, size_t len)
{
	char *copy = atr_malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *atr_strdup(const char *s)
{
	return s ? atr_strndup(s, strlen(s)) : NULL;
}

void atr_free(void *ptr)
{
	free(ptr);
}

void atrack_free(void *ptr)
{
	free(ptr);
}

static bool buf_reserve(atr_buf *b, size_t extra)
{
	if (b->failed)
		return false;
	if (extra > SIZE_MAX / 2 - b->len) {
		b->failed = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *data = atr_realloc(b->data, cap);
	if (!data) {
		b->failed = true;
		return false;
	}
	b->data = data;
	b->cap = cap;
	return true;
}

bool atr_buf_reserve(atr_buf *b, size_t extra)
{
	return buf_reserve(b, extra);
}

void atr_buf_append(atr_buf *b, const char *s, size_t len)
{
	if (!buf_reserve(b, len))
		return;
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void atr_buf_puts(atr_buf *b, const char *s)
{
	atr_buf_append(b, s, strlen(s));
}

void atr_buf_putc(atr_buf *b, char c)
{
	atr_buf_append(b, &c, 1);
}

void atr_buf_vprintf(atr_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0) {
		b->failed = true;
		return;
	}
	if (!buf_reserve(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void atr_buf_printf(atr_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	atr_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

bool atr_buf_failed(const atr_buf *b)
{
	return b->failed;
}

char *atr_buf_detach(atr_buf *b)
{
	if (b->failed) {
		atr_buf_clear(b);
		return NULL;
	}
	char *s = b->data ? b->data : atr_strdup("");
	b->data = NULL;
	b->len = b->cap = 0;
	return s;
}

void atr_buf_clear(atr_buf *b)
{
	atr_free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->failed = false;
}
