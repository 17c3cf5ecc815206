/*
 * atrack/tracking.h - part of the public interface of libatrack, included by
 * atrack.h (include that, not this): Progress updates, the status vocabulary, the status board and the audit log.
 */
#ifndef ATRACK_TRACKING_H
#define ATRACK_TRACKING_H

#ifndef ATRACK_H
#error "include <atrack.h>, not <atrack/tracking.h>"
#endif

#ifdef __cplusplus
extern "C" {
#endif

#ifdef __cplusplus
}
#endif

#endif /* ATRACK_TRACKING_H */
