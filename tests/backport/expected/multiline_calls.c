// SPDX-License-Identifier: GPL-2.0
/*
 * Calls spread over several lines.  Where the 4.2 conversion moved
 * arguments down to make room for &init_net, they move back up: exactly
 * where the forward layout, run again on the result, gives back the call
 * as it is here.  Elsewhere the lines stay as they are.
 */
#include <linux/net.h>
#include <linux/in.h>

struct replicator_conf {
	struct sockaddr_storage local_addr;
	int transport_protocol_number_xyz;
};

struct replicator {
	struct replicator_conf *conf;
	struct socket *data_sock;
	struct socket *listen_sock;
	int proto;
};

static int moved_down(struct replicator *r)
{
	/* SOCK_STREAM had moved down: it goes back up. */
	return sock_create_kern(r->conf->local_addr.ss_family, SOCK_STREAM,
				IPPROTO_TCP, &r->data_sock);
}

static int cascade(struct replicator_conf *cfg, struct socket **s)
{
	int err;

	/* Each line had passed its last argument on: they come back. */
	err = sock_create_kern(cfg->local_addr.ss_family, SOCK_SEQPACKET,
			       cfg->transport_protocol_number_xyz,
			       s);
	return err;
}

static int never_moved(struct replicator *r)
{
	/* Laid out by hand, room to spare: nothing moves. */
	return sock_create_kern(AF_INET,
				SOCK_STREAM, r->proto, &r->listen_sock);
}

static int one_per_line(struct replicator *r, struct net *net)
{
	/* One argument per line, the namespace its own: nothing moves. */
	return sock_create_kern(
				AF_INET,
				SOCK_DGRAM,
				IPPROTO_UDP,
				&r->data_sock);
}

static int first_alone(struct socket **s)
{
	/* The arguments started on the next line: they still do. */
	return sock_create_kern(
		AF_INET, SOCK_DGRAM, IPPROTO_UDP, s);
}

static int below_the_paren(struct net *net, struct socket **s)
{
	int err;

	/* The first argument below the '(': its line break stays. */
	err = sock_create_kern(
		AF_INET, SOCK_DGRAM, IPPROTO_UDP, s);
	if (err)
		return err;
	/* Alone on its line: the line goes. */
	return sock_create_kern(
		AF_INET, SOCK_DGRAM, IPPROTO_UDP, s);
}
