# Writes the hand-made inventory fixtures (representative.json, invalid/*.json) in NetBox 4.6 REST shape.
# Run from src/test/resources: python3 inventory/make-fixtures.py
import json
B="https://netbox.example.org"
def vrf(i,name,rd):
    return None if i is None else {"id":i,"url":f"{B}/api/ipam/vrfs/{i}/","display":f"{name} ({rd})","name":name,"rd":rd,"description":""}
TAG={"id":7,"url":f"{B}/api/extras/tags/7/","display_url":f"{B}/extras/tags/7/","display":"dhcp","name":"dhcp","slug":"dhcp","color":"4caf50"}
def role(i,name,slug):
    return {"id":i,"url":f"{B}/api/ipam/roles/{i}/","display":name,"name":name,"slug":slug,"description":""}
CFS=["dhcp_routers","dhcp_domain_name_servers","dhcp_domain_name","dhcp_lease_time","dhcp_max_lease_time","dhcp_ntp_servers","dhcp_notes"]
def prefix(i,cidr,v=None,status="active",tagged=True,desc="",cf=None,r=None):
    cfs={k:None for k in CFS}; cfs.update(cf or {})
    fam=6 if ":" in cidr else 4
    return {"id":i,"url":f"{B}/api/ipam/prefixes/{i}/","display_url":f"{B}/ipam/prefixes/{i}/","display":cidr,
      "family":{"value":fam,"label":f"IPv{fam}"},"prefix":cidr,"vrf":v,"scope_type":None,"scope_id":None,"scope":None,"tenant":None,"vlan":None,
      "status":{"value":status,"label":status.title()},"role":r,"is_pool":False,"mark_utilized":False,"description":desc,"owner":None,"comments":"",
      "tags":[TAG] if tagged else [],"custom_fields":cfs,"created":"2026-08-20T09:14:03.080531Z","last_updated":"2026-08-20T09:14:03.080549Z","children":0,"_depth":0}
def rng(i,start,end,v=None,status="active",r=None,desc=""):
    return {"id":i,"url":f"{B}/api/ipam/ip-ranges/{i}/","display_url":f"{B}/ipam/ip-ranges/{i}/","display":f"{start}-{end}",
      "family":{"value":4,"label":"IPv4"},"start_address":start,"end_address":end,"size":0,"vrf":v,"tenant":None,
      "status":{"value":status,"label":status.title()},"role":r,"description":desc,"owner":None,"comments":"","tags":[],"custom_fields":{},
      "created":"2026-08-20T09:15:10.571204Z","last_updated":"2026-08-20T09:15:10.571220Z","mark_populated":True,"mark_utilized":True}
def dump(path,prefixes,ranges):
    json.dump({"prefixes":prefixes,"ip_ranges":ranges},open(path,"w"),indent=2,ensure_ascii=False); open(path,"a").write("\n")
CORP=vrf(2,"CORP","65000:100"); GUEST=vrf(3,"GUEST","65000:200")
POOL=role(5,"DHCP Pool","dhcp-pool"); STATIC=role(6,"Static","static"); CLIENTS=role(3,"DHCP Clients","dhcp-clients")
dump("inventory/representative.json",[
  prefix(1187,"10.42.16.0/24",CORP,desc="FRA1 office clients",r=CLIENTS,cf={"dhcp_domain_name":"fra1.example.net","dhcp_lease_time":3600,"dhcp_routers":"10.42.16.1"}),
  prefix(1188,"10.42.17.0/24",CORP,desc="FRA1 lab",cf={"dhcp_domain_name_servers":"10.1.1.1, 10.1.1.2","dhcp_ntp_servers":["10.1.1.3"],"dhcp_max_lease_time":"7200","dhcp_routers":"10.42.17.254"}),
  prefix(2001,"172.16.0.0/22",GUEST,desc="Guest wifi",cf={"dhcp_domain_name":"guest.example.net"}),
  prefix(3001,"10.200.0.0/25",None,desc="Global table clients"),
  prefix(4001,"2001:db8:42::/64",CORP,desc="IPv6 clients"),
  prefix(5001,"10.200.1.0/29",None,desc="Too small"),
  prefix(6001,"10.50.0.0/24",CORP,tagged=False,desc="Not tagged"),
  prefix(7001,"10.51.0.0/24",CORP,status="reserved",desc="Reserved"),
],[
  rng(241,"10.42.16.100/24","10.42.16.199/24",CORP,r=POOL,desc="FRA1 office dynamic pool"),
  rng(242,"10.42.16.200/24","10.42.16.219/24",CORP,status="reserved",r=POOL,desc="reserved, not a pool"),
  rng(243,"10.42.17.10/24","10.42.17.49/24",CORP,r=POOL),
  rng(244,"10.42.17.100/24","10.42.17.149/24",CORP,r=STATIC,desc="static role: a pool unless the role filter is set"),
  rng(301,"172.16.1.0/22","172.16.1.50/22",CORP,r=POOL,desc="same addresses, other VRF: ignored for GUEST"),
  rng(401,"10.60.0.10/24","10.60.0.20/24",None,r=POOL,desc="no selected prefix"),
])
# failing inventories, one per error class
dump("inventory/invalid/duplicate-subnet.json",[prefix(11,"10.10.0.0/24",CORP),prefix(12,"10.10.0.0/24",GUEST)],[])
dump("inventory/invalid/overlapping-subnets.json",[prefix(21,"10.10.0.0/23",CORP),prefix(22,"10.10.1.0/24",GUEST)],[])
dump("inventory/invalid/overlaps-server-network.json",[prefix(23,"10.90.5.0/24",CORP)],[])
dump("inventory/invalid/invalid-prefix.json",[prefix(31,"10.10.0.1/24",CORP)],[])
dump("inventory/invalid/invalid-range.json",[prefix(41,"10.10.0.0/24",CORP)],[rng(42,"10.10.0.x/24","10.10.0.20/24",CORP)])
dump("inventory/invalid/range-outside-subnet.json",[prefix(51,"10.10.0.0/24",CORP)],[rng(52,"10.10.0.200/23","10.10.1.20/23",CORP)])
dump("inventory/invalid/range-start-after-end.json",[prefix(61,"10.10.0.0/24",CORP)],[rng(62,"10.10.0.100/24","10.10.0.50/24",CORP)])
dump("inventory/invalid/overlapping-ranges.json",[prefix(71,"10.10.0.0/24",CORP)],[rng(72,"10.10.0.10/24","10.10.0.100/24",CORP),rng(73,"10.10.0.50/24","10.10.0.150/24",CORP)])
dump("inventory/invalid/range-covers-reserved.json",[prefix(81,"10.10.0.0/24",CORP)],[rng(82,"10.10.0.0/24","10.10.0.20/24",CORP),rng(83,"10.10.0.200/24","10.10.0.255/24",CORP)])
dump("inventory/invalid/invalid-option.json",[
  prefix(91,"10.10.0.0/24",CORP,cf={"dhcp_routers":"10.10.0.300"}),
  prefix(92,"10.10.1.0/24",CORP,cf={"dhcp_domain_name":"bad domain; include \"/etc/shadow\""}),
  prefix(93,"10.10.2.0/24",CORP,cf={"dhcp_lease_time":-5}),
  prefix(94,"10.10.3.0/24",CORP,cf={"dhcp_lease_time":90000,"dhcp_max_lease_time":3600}),
  prefix(95,"10.10.4.0/24",CORP,cf={"dhcp_routers":"10.99.0.1"}),
  prefix(96,"10.10.5.0/24",CORP,cf={"dhcp_ntp_servers":["10.1.1.1", 7]}),
],[])
