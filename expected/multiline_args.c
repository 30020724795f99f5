// SPDX-License-Identifier: GPL-2.0
/*
 * Arguments spread over several lines.  After the conversion the first
 * line may pass 80 columns: coccidrive moves the last arguments of that
 * line to the front of the next one, as the upstream commit did by hand,
 * but never adds a line and never leaves "&init_net," alone on a line.
 */
#include <linux/net.h>
#include <linux/in.h>

struct replicator_conf {
	struct sockaddr_storage local_addr;
	int transport_protocol_number_xyz;
};

struct replicator {
	struct replicator_conf *conf;
	struct sockaddr_storage local;
	struct socket *data_sock;
	struct socket *meta_sock;
	struct socket *listen_sock;
	int proto;
};

static int replicator_connect(struct replicator *r)
{
	int ret;

	/* First line overflows: SOCK_STREAM moves down. */
	ret = sock_create_kern(&init_net, r->conf->local_addr.ss_family,
			       SOCK_STREAM, IPPROTO_TCP, &r->data_sock);
	if (ret < 0)
		return ret;

	/* Overflows, but its one argument stays: no sensible re-wrap. */
	ret = sock_create_kern(&init_net, ((struct sockaddr *)&r->local)->sa_family,
			       SOCK_STREAM, IPPROTO_TCP, &r->meta_sock);
	if (ret < 0)
		goto out_data;

	/* Still fits in 80 columns: nothing moves. */
	ret = sock_create_kern(&init_net, AF_INET, SOCK_STREAM,
			       r->proto, &r->listen_sock);
	if (ret < 0)
		goto out_meta;
	return 0;

out_meta:
	sock_release(r->meta_sock);
out_data:
	sock_release(r->data_sock);
	return ret;
}

static int replicator_spread(struct replicator *r)
{
	/* One argument per line: the first line still fits. */
	return sock_create_kern(&init_net, r->local.ss_family,
				SOCK_DGRAM,
				IPPROTO_UDP,
				&r->data_sock);
}

static int replicator_last_arg(struct replicator *r, int family_override)
{
	/* The last argument of the first line joins the next line. */
	return sock_create_kern(&init_net, family_override, SOCK_SEQPACKET,
				IPPROTO_SCTP, &r->listen_sock);
}

static int replicator_cascade(struct replicator_conf *cfg, struct socket **s)
{
	int err;

	/* The second line overflows in turn and passes its last one on. */
	err = sock_create_kern(&init_net, cfg->local_addr.ss_family,
			       SOCK_SEQPACKET,
			       cfg->transport_protocol_number_xyz, s);
	return err;
}

static int replicator_no_fit(struct replicator_conf *cfg, struct socket **s)
{
	/* No re-fill within these lines fits in 80 columns: left as it is. */
	return sock_create_kern(&init_net, cfg->local_addr.ss_family, SOCK_SEQPACKET,
				cfg->transport_protocol_number_xyz + 1000000,
				s);
}
