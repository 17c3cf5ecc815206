/*
 * loader_idset.c - a set of row ids (positive integers) with constant-time
 * lookup, so that matching the items of a revised text to the initiatives
 * they were stays linear in the document. Calls only the core's allocator.
 */
#include "loader_int.h"

struct fsl_idset {
	int64_t *slots; /* 0: empty */
	size_t cap;     /* a power of two */
	size_t count;
};

static size_t slot_of(const fsl_idset *set, int64_t id)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 17) & (set->cap - 1);
}

fsl_idset *fsl_idset_new(size_t expected)
{
	fsl_idset *set = atr_calloc(1, sizeof *set);
	if (!set)
		return NULL;
	set->cap = 16;
	while (set->cap < expected * 2)
		set->cap *= 2;
	set->slots = atr_calloc(set->cap, sizeof *set->slots);
	if (!set->slots) {
		atr_free(set);
		return NULL;
	}
	return set;
}

void fsl_idset_free(fsl_idset *set)
{
	if (!set)
		return;
	atr_free(set->slots);
	atr_free(set);
}

bool fsl_idset_has(const fsl_idset *set, int64_t id)
{
	for (size_t i = slot_of(set, id);; i = (i + 1) & (set->cap - 1)) {
		if (set->slots[i] == id)
			return true;
		if (set->slots[i] == 0)
			return false;
	}
}

static void put(fsl_idset *set, int64_t id)
{
	size_t i = slot_of(set, id);
	while (set->slots[i] != 0 && set->slots[i] != id)
		i = (i + 1) & (set->cap - 1);
	if (set->slots[i] == 0) {
		set->slots[i] = id;
		set->count++;
	}
}

bool fsl_idset_add(fsl_idset *set, int64_t id)
{
	if (id <= 0 || fsl_idset_has(set, id))
		return true;
	if ((set->count + 1) * 2 > set->cap) {
		int64_t *old = set->slots;
		size_t old_cap = set->cap;
		int64_t *grown = atr_calloc(old_cap * 2, sizeof *grown);
		if (!grown)
			return false;
		set->slots = grown;
		set->cap = old_cap * 2;
		set->count = 0;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i] != 0)
				put(set, old[i]);
		atr_free(old);
	}
	put(set, id);
	return true;
}
