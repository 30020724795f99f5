/*
 * A vendor QMI transport.  VENDOR_LOCKED() opens a brace block that
 * VENDOR_UNLOCKED closes: no C parser can make sense of it, so spatch
 * skips qmi_sock_bind() entirely.  The call in it must be reported.
 */
#include <linux/net.h>
#include <linux/mutex.h>

#define VENDOR_LOCKED(l) mutex_lock(l); {
#define VENDOR_UNLOCKED } mutex_unlock(&qmi_lock);

static DEFINE_MUTEX(qmi_lock);
static struct socket *qmi_sock;

int qmi_sock_bind(void)
{
	int err;

	VENDOR_LOCKED(&qmi_lock)
	err = sock_create_kern(AF_QIPCRTR, SOCK_DGRAM, 0, &qmi_sock);
	VENDOR_UNLOCKED
	return err;
}

/* A vendor tracing macro in the declarator, defined in a header spatch
 * does not read: only the user's --macro-file can explain it. */
int qmi_sock_probe(struct socket **out) QMI_TRACED(probe)
{
	return sock_create_kern(AF_QIPCRTR, SOCK_DGRAM, 0, out);
}
