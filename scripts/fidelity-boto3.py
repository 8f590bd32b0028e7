"""The local endpoint against botocore's model, through boto3 (a client nobody here wrote):
the promises issues 11 and 18 found broken, each checked again. Prints one line per case and exits 1
when any fails.

    pip install boto3
    connect-views serve --listen 127.0.0.1:8799 --db /tmp/fidelity.sqlite3 \
        --instance 11111111-2222-3333-4444-555555555555 &
    python3 scripts/fidelity-boto3.py http://127.0.0.1:8799
"""
import hashlib
import json
import sys
import uuid

import boto3
import botocore
import botocore.config

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8799"
c = boto3.client("connect", endpoint_url=URL, region_name="us-east-1",
                 aws_access_key_id="x", aws_secret_access_key="x", config=botocore.config.Config(parameter_validation=False))
I = "00000000-0000-4000-8000-000000000000"
NAME = "fidelity-" + uuid.uuid4().hex[:8]
t = json.dumps({"Head": {"Title": "t", "Configuration": {}}, "Body": []})
res = {}
v = c.create_view(InstanceId=I, Name=NAME, Status="PUBLISHED", Content={"Template": t, "Actions": ["A"]}, Tags={"k": "v"})["View"]
vid, pub = v["Id"], v["ViewContentSha256"]
u = c.update_view_content(InstanceId=I, ViewId=vid, Status="SAVED", Content={"Template": t.replace('"t"', '"u"'), "Actions": ["A"]})["View"]
res["SAVED update carries published checksum"] = u["ViewContentSha256"] == pub
res["$SAVED describe carries published checksum"] = c.describe_view(InstanceId=I, ViewId=vid + ":$SAVED")["View"]["ViewContentSha256"] == pub
res["$LATEST reports PUBLISHED after SAVED update"] = c.describe_view(InstanceId=I, ViewId=vid + ":$LATEST")["View"]["Status"] == "PUBLISHED"
res["version from echoed checksum"] = c.create_view_version(InstanceId=I, ViewId=vid, ViewContentSha256=u["ViewContentSha256"])["View"]["Version"] == 1
a = c.update_view_content(InstanceId=I, ViewId=vid, Status="PUBLISHED", Content={"Template": t, "Actions": ["A", "B"]})["View"]
res["actions-only publish changes checksum"] = a["ViewContentSha256"] != pub
res["checksum = sha256 of {Actions,Template}"] = a["ViewContentSha256"] == hashlib.sha256(json.dumps({"Actions": ["A", "B"], "Template": t}, separators=(",", ":")).encode()).hexdigest()
def refused(f, **kw):
    try:
        f(**kw)
        return False
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
res["DeleteView id:1 refused"] = refused(c.delete_view, InstanceId=I, ViewId=vid + ":1")
res["UpdateViewContent id:$LATEST refused"] = refused(c.update_view_content, InstanceId=I, ViewId=vid + ":$LATEST", Status="SAVED", Content={"Template": t, "Actions": []})
arn = a["Arn"]
for keys in (["k%d" % i for i in range(51)], ["aws:x"], ["a" * 129], [""], ["a!"]):
    res["UntagResource %r... refused" % keys[0][:8]] = refused(c.untag_resource, resourceArn=arn, tagKeys=keys)
res["TagResource AWS:x allowed"] = c.tag_resource(resourceArn=arn, tags={"AWS:x": "1"})["ResponseMetadata"]["HTTPStatusCode"] == 200
m = c.list_views(InstanceId=I, Type="AWS_MANAGED")["ViewsSummaryList"][0]
res["managed view lists version 1"] = [x["Version"] for x in c.list_view_versions(InstanceId=I, ViewId=m["Arn"])["ViewVersionSummaryList"]] == [1]
p = c.get_paginator("search_views").paginate(InstanceId=I, SearchCriteria={"StringCondition": {"FieldName": "name", "Value": NAME.upper(), "ComparisonType": "CONTAINS"}}, PaginationConfig={"PageSize": 1})
views = [v for page in p for v in page["Views"]]
res["SearchViews paginator"] = [v["Name"] for v in views] == [NAME] and "Template" in views[0]["Content"]
s = c.search_views(InstanceId=I, SearchCriteria={"ViewTypeCondition": "AWS_MANAGED"}, MaxResults=2)
res["SearchViews paging + ApproximateTotalCount"] = len(s["Views"]) == 2 and s["ApproximateTotalCount"] == 6 and "NextToken" in s
# Issue 18: instances the endpoint holds, ARNs of its own scope, managed views by their Id.
UNKNOWN = "99999999-9999-4999-8999-999999999999"
res["unknown instance: ListViews"] = refused(c.list_views, InstanceId=UNKNOWN) == "ResourceNotFoundException"
res["unknown instance: DescribeView"] = refused(c.describe_view, InstanceId=UNKNOWN, ViewId=vid) == "ResourceNotFoundException"
res["unknown instance: CreateView"] = refused(c.create_view, InstanceId=UNKNOWN, Name=NAME + "x", Status="SAVED", Content={"Template": t, "Actions": []}) == "ResourceNotFoundException"
res["unknown instance: SearchViews"] = refused(c.search_views, InstanceId=UNKNOWN) == "ResourceNotFoundException"
other_region = arn.replace(":us-east-1:", ":eu-west-2:")
res["view ARN of another region not found"] = refused(c.describe_view, InstanceId=I, ViewId=other_region) == "ResourceNotFoundException"
res["tags of another account's ARN not found"] = refused(c.list_tags_for_resource, resourceArn=arn.replace(":000000000000:", ":123456789012:")) == "ResourceNotFoundException"
res["ARNs name the endpoint's region, not the signer's"] = boto3.client(
    "connect", endpoint_url=URL, region_name="ap-southeast-2", aws_access_key_id="x", aws_secret_access_key="x"
).describe_view(InstanceId=I, ViewId=vid)["View"]["Arn"] == arn
listed = {m["Id"]: m for m in c.list_views(InstanceId=I, Type="AWS_MANAGED")["ViewsSummaryList"]}
by_id = c.describe_view(InstanceId=I, ViewId="cards")["View"]
res["managed view described by its listed Id"] = by_id["Name"] == listed["cards"]["Name"] and by_id["Arn"] == listed["cards"]["Arn"]
by_arn = c.describe_view(InstanceId=I, ViewId=listed["cards"]["Arn"])["View"]
res["managed view times the same by Id and ARN"] = by_arn["CreatedTime"] == by_id["CreatedTime"] and by_arn["LastModifiedTime"] == by_id["LastModifiedTime"]
res["managed view versions by its listed Id"] = [x["Version"] for x in c.list_view_versions(InstanceId=I, ViewId="cards")["ViewVersionSummaryList"]] == [1]
# Tokens: opaque, and good only for the operation, instance and criteria that issued them.
I2 = "11111111-2222-3333-4444-555555555555"
lv = c.list_views(InstanceId=I, MaxResults=1)
res["ListViews token reused with another Type refused"] = refused(c.list_views, InstanceId=I, Type="AWS_MANAGED", NextToken=lv["NextToken"]) == "InvalidParameterException"
res["ListViews token reused on another instance refused"] = refused(c.list_views, InstanceId=I2, NextToken=lv["NextToken"]) == "InvalidParameterException"
res["ListViews token followed"] = len(c.list_views(InstanceId=I, MaxResults=1, NextToken=lv["NextToken"])["ViewsSummaryList"]) == 1
crit = {"ViewTypeCondition": "AWS_MANAGED"}
sv = c.search_views(InstanceId=I, SearchCriteria=crit, MaxResults=1)
res["SearchViews token opaque"] = b"search" not in bytes.fromhex(sv["NextToken"])
res["SearchViews token reused with other criteria refused"] = refused(c.search_views, InstanceId=I, SearchCriteria={"ViewTypeCondition": "CUSTOMER_MANAGED"}, NextToken=sv["NextToken"]) == "InvalidParameterException"
res["SearchViews token followed"] = len(c.search_views(InstanceId=I, SearchCriteria=crit, MaxResults=1, NextToken=sv["NextToken"])["Views"]) == 1
res["made-up token refused"] = refused(c.list_views, InstanceId=I, NextToken="00" * 40) == "InvalidParameterException"
for k, v in res.items():
    print(f"{'ok ' if v else 'BAD'} {k}: {v}")
c.delete_view(InstanceId=I, ViewId=vid)
sys.exit(0 if all(res.values()) else 1)
