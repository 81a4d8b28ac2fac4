package graph

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestServerServesLikeHostsServed compares the index with HostsServed over
// the server's hosts, on random Gateways whose entries are scoped to no
// namespace, all (`*/`), the Gateway's (`./`) or another one, seen from
// VirtualServices in each namespace with short and long hosts.
func TestServerServesLikeHostsServed(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 2))
	scopes := []string{"", "*/", "./", "shop/", "edge/"}
	for range 300 {
		var servers []string
		for i := range 1 + rng.IntN(3) {
			var entries []string
			for range rng.IntN(6) {
				entries = append(entries, scopes[rng.IntN(len(scopes))]+randomServerHost(rng))
			}
			servers = append(servers, fmt.Sprintf("{port: {number: %d, name: http-%[1]d, protocol: HTTP}, hosts: ['%s']}", 80+i, strings.Join(entries, "', '")))
		}
		g := loadYAML(t, lines("apiVersion: networking.istio.io/v1", "kind: Gateway",
			"metadata: {name: gw, namespace: edge}", "spec: {servers: ["+strings.Join(servers, ", ")+"]}"))
		gw := mustGet(t, g, KindGateway, "edge", "gw")
		for range 20 {
			ns := []string{"edge", "shop", "other"}[rng.IntN(3)]
			hosts := []string{randomServerHost(rng), randomServerHost(rng)}
			anyServer := false
			for _, s := range gw.Gateway().GetServers() {
				want := HostsServed(ServerHosts(gw, s, ns), hosts, ns, g.Options().ClusterDomain)
				if got := g.ServerServes(gw, s, ns, hosts); got != want {
					t.Fatalf("servers %s: ServerServes(%s, %q) = %v; want %v", servers, ns, hosts, got, want)
				}
				anyServer = anyServer || want
			}
			if got := g.GatewayServes(gw, ns, hosts); got != anyServer {
				t.Fatalf("servers %s: GatewayServes(%s, %q) = %v; want %v", servers, ns, hosts, got, anyServer)
			}
		}
	}
}

// randomServerHost adds short names and Service names to randomHost's.
func randomServerHost(rng *rand.Rand) string {
	switch rng.IntN(5) {
	case 0:
		return "reviews"
	case 1:
		return []string{"reviews.shop.svc.cluster.local", "reviews.edge.svc.cluster.local", "*.svc.cluster.local"}[rng.IntN(3)]
	}
	return randomHost(rng)
}
