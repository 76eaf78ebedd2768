window.YTD.account.part0 = [
  {
    "account": {
      "email": "x@example.org",
      "createdVia": "web",
      "username": "owner",
      "accountId": "500",
      "createdAt": "2015-01-01T00:00:00.000Z",
      "accountDisplayName": "Owner"
    }
  }
]