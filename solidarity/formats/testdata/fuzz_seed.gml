graph [
  node [
    id 0
    label "0"
    label2 "a&#38;b"
  ]
  node [
    id 1
    label "1"
    label2 "x"
  ]
  node [
    id 2
    label "2"
    label2 "y"
  ]
  node [
    id 3
    label "3"
    label2 "z"
  ]
  edge [
    source 0
    target 1
    weight 1.5
  ]
  edge [
    source 1
    target 2
    weight 1.5
  ]
  edge [
    source 2
    target 3
    weight 1.5
  ]
]
