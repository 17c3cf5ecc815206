/*
 * atrack/entity.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): Create, read, update, delete and list every kind of thing, and the links between them.
 */
#ifndef ATRACK_ENTITY_H
#define ATRACK_ENTITY_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/entity.h>"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_ENTITY_H */
